"""Held-out inbox generator, family B: layouts other provinces and campaigns use, with exact truth.

    python -m samples.heldout_b ROOT --seed N [--units 12]

writes ROOT/inbox/…, ROOT/truth/{studios,training_bases,files,planted}.csv, ROOT/quotas.xlsx and
ROOT/registry.xlsx in the formats of `samples.generate`, so that `samples.evaluate ROOT` works.

Independent of the parser and of the other generators: it shares only the record pools
(`samples.records`, `samples.data`), the quota/registry workbooks and the deterministic saver.
"""
