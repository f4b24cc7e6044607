"""The QAR reporter: which aims will count in the qualification achievement rates, and how.

Source: Qualification achievement rates 2024 to 2025. The pipeline follows the
methodology's own steps: identify the QAR aims in each year's file (``identify``,
``records``), match them across years (``match``), derive years, overdue flags, hybrid end
year, leaver, achiever and completer (``derive``), apply the exclusions the ILR can decide
(``exclusions``), then compute the rates (``rates``) and the records at risk (``risks``).
``dataset`` ties the steps together; ``report`` renders it; ``command`` is ``ilr-lint qar``.
Decisions where the methodology contradicts itself are recorded in ``docs/qar.md``.
"""
