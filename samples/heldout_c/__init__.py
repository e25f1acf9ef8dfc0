"""Held-out inbox generator, family C: layouts real offices use that the pipeline was not tuned on.

    python -m samples.heldout_c ROOT --seed N [--units 12]

writes ROOT/inbox/…, ROOT/truth/{studios,training_bases,files,planted}.csv, ROOT/quotas.xlsx and
ROOT/registry.xlsx in the formats of `samples.generate`, so that `python -m samples.evaluate ROOT`
measures the pipeline on it unchanged.

Family C's devices: studio forms laid out on an Excel worksheet (vertical section labels in merged
cells), sometimes as extra sheets of the summary workbook; Word forms as a two-column label | value
table with two-line labels and achievements by year with a 合计 column, typed on underlined blanks
and tab stops, or with the studio block and the leader block side by side and a member list;
training-base forms with the trainee counts in a nested table or a year-per-row table and the
training system as 有/无 rows; summaries with split unit lines, grouped headers, extra columns,
合计 and 注 rows, instruction sheets, two categories in one workbook; materials with varied headings
and the studio named only on a cover page or in the first sentence; documents that are not ours.
Planted problems are only those with certain consequences (MISSING_FORM, MISSING_MATERIAL,
NARRATIVE_MISMATCH, UNKNOWN_DOCUMENT) plus the derived quota rows.
"""
