"""Held-out test inboxes: layouts the pipeline was never tuned on, with exact truth.

    python -m samples.heldout ROOT --seed N [--units 12] [--studios 2 5] [--bases 0 2]

writes ROOT/inbox/…, ROOT/truth/{studios,training_bases,files,planted}.csv, ROOT/quotas.xlsx and
ROOT/registry.xlsx exactly as `python -m samples.generate` does, so `python -m samples.evaluate ROOT`
scores a run unchanged. The documents copy other provinces' and other campaigns' forms (their own
studio-form, training-base-form, summary and narrative layouts, written independently of the parser),
and the inbox is clean except for a few certain absences (one summary row without a form, one or two
studios without material) and two or three documents of other campaigns, all listed in planted.csv
(plus TECH_SHARE_BELOW_QUOTA where the quota table makes it unavoidable). Use it to measure how well
reading generalises; do not tune the parser on its layouts.
"""
