"""The exercise stubs a learner fills in, one file per exercise, in the track's order.

They are copied into a folder of the learner's own with ``glassnet exercises DIR`` and graded
with ``glassnet check NAME FILE`` (see ``glassnet.checker``). They are data for the learner,
not code glassnet runs: nothing imports them.
"""
