"""The annual engagement meeting (framework paras 39-48): the list, the agenda, the record
with the scope planner, and the letter."""
