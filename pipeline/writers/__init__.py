"""One module per output of SPEC §6 (plus the feedback letters); `pipeline.outputs` runs them all.

Every writer module exposes `write(result, out_dir)`; most also expose `build(...) -> bytes`, the
file built in memory. Shared pieces: `values` (cell values, ordering), `files` (atomic writes),
`sheets` (spreadsheet styling), `layouts` (master-list columns), `grouping` (issues per nominee).
"""
