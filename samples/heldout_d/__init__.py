"""Held-out family D: a test inbox written the way a further set of offices writes, with exact truth.

Independent of the parser and of the other generators (it shares only the records, the value pools,
the planted-problem bookkeeping and the deterministic saver). See `build` for the command.

Family D's offices: topic-grouped long forms with bare labels under merged (often vertical) topic
cells, centred equal-width grids with abbreviated labels, 申报书 with cover, contents and
instructions before the table on page 3, forms split over two tables; categories as `■是 □否`
rows, `√` in a separate cell, two rows (申报类别 / 企业类型) or the title only; training-base
forms with a 3×2 block and combined cells; summaries with two header levels, organisation count
rows with merged cells and Excel dates, leader's and contact's phones in separate columns and
notes below; narratives in three structures with unhelpful file names; a few documents not ours.
"""
