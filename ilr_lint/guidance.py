"""The guidance that checks cite: each source's public title, who publishes it, and where it is.

A check's ``guidance=`` names a source by the short title used here, optionally followed by
``: 'Section'``; :func:`cite` expands it for ``explain``, ``rules`` and the SARIF help. A
third-party check may cite anything else: its text is shown as written. Addresses are given
only where we have confirmed them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Guide:
    title: str
    publisher: str
    url: str | None = None


PSM = "Department for Education, ILR provider support manual"
GUIDES = {
    "Recording apprenticeship programmes": Guide(
        "Recording apprenticeship programmes", PSM,
        "https://guidance.submit-learner-data.service.gov.uk/provider-support-manual/article/"
        "Recordingapprenticeship-programmes"),
    "Making changes and correcting errors": Guide(
        "Making changes and correcting errors (recording learner changes)", PSM),
    "Qualification achievement rates 2024 to 2025": Guide(
        "Qualification achievement rates 2024 to 2025", "Department for Education, listed on GOV.UK under "
        "'Introduction to Qualification Achievement Rates (QARs)'",
        "https://www.gov.uk/guidance/introduction-to-qualification-achievement-rates-qars"),
    "provider support manual 2020-21": Guide(
        "Provider Support Manual for 2020 to 2021", "Education and Skills Funding Agency",
        "https://guidance.submit-learner-data.service.gov.uk/20-21/psm"),
    "T-levels for the ILR": Guide(
        "T-levels for the ILR", "Arbor Education support article",
        "https://support.arbor-education.com/hc/en-us/articles/16589000854685-T-levels-for-the-ILR"),
    "Managing Qualification Exemptions in Enrolment": Guide(
        "Managing Qualification Exemptions in Enrolment", "Bud support article",
        "https://support.bud.co.uk/hc/en-gb/articles/36933795585437-Managing-Qualification-Exemptions-in-Enrolment"),
}


def cite(guidance: str) -> str:
    """``"T-levels for the ILR: 'Industry Placement'"`` -> title, section, publisher and address."""
    source, sep, section = guidance.partition(": ")
    guide = GUIDES.get(source)
    if guide is None:
        return guidance
    return f"{guide.title}{', ' + section if sep else ''} ({guide.publisher})" + (f", {guide.url}" if guide.url else "")
