"""Generate a deterministic synthetic corpus of news-like articles for benchmarks.

Each article is about 700 words: a headline, a date and source line and paragraphs
built from templates with real state, capital, leader, agency and alliance names and
with accusation, denial, alliance, membership, support and threat sentences, so the
extraction rules fire as they do on real news. The same ``seed`` and ``n`` give the
same files, byte for byte.

Usage::

    .venv/bin/python bench/make_corpus.py 300 /tmp/relate-bench/corpus
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

__all__ = ["make_article", "make_corpus", "write_corpus"]

# (name, demonym, capital, leader title, leader name)
STATES = [
    ("Russia", "Russian", "Moscow", "President", "Vladimir Putin"),
    ("Ukraine", "Ukrainian", "Kyiv", "President", "Volodymyr Zelensky"),
    ("Poland", "Polish", "Warsaw", "Prime Minister", "Donald Tusk"),
    ("Germany", "German", "Berlin", "Chancellor", "Olaf Scholz"),
    ("France", "French", "Paris", "President", "Emmanuel Macron"),
    ("China", "Chinese", "Beijing", "President", "Xi Jinping"),
    ("Iran", "Iranian", "Tehran", "President", "Masoud Pezeshkian"),
    ("Israel", "Israeli", "Jerusalem", "Prime Minister", "Benjamin Netanyahu"),
    ("Turkey", "Turkish", "Ankara", "President", "Recep Tayyip Erdogan"),
    ("Lithuania", "Lithuanian", "Vilnius", "President", "Gitanas Nauseda"),
    ("Estonia", "Estonian", "Tallinn", "Prime Minister", "Kristen Michal"),
    ("Moldova", "Moldovan", "Chisinau", "President", "Maia Sandu"),
    ("Belarus", "Belarusian", "Minsk", "President", "Alexander Lukashenko"),
    ("Japan", "Japanese", "Tokyo", "Prime Minister", "Shigeru Ishiba"),
    ("Philippines", "Filipino", "Manila", "President", "Ferdinand Marcos"),
    ("Rwanda", "Rwandan", "Kigali", "President", "Paul Kagame"),
    ("Hungary", "Hungarian", "Budapest", "Prime Minister", "Viktor Orban"),
    ("Finland", "Finnish", "Helsinki", "President", "Alexander Stubb"),
]
# (agency name, state name)
AGENCIES = [
    ("the Kremlin", "Russia"),
    ("the FSB", "Russia"),
    ("the GRU", "Russia"),
    ("the Pentagon", "United States"),
    ("the CIA", "United States"),
    ("MI6", "United Kingdom"),
    ("the Mossad", "Israel"),
    ("the Bundeswehr", "Germany"),
]
ALLIANCES = ["NATO", "the European Union", "the United Nations", "the African Union"]
SPOKESPEOPLE = [
    "Dmitry Peskov",
    "Maria Zakharova",
    "Matthew Miller",
    "Andrii Sybiha",
    "Radoslaw Sikorski",
    "Annalena Baerbock",
    "Wang Yi",
    "Abbas Araghchi",
    "Mark Rutte",
    "Kaja Kallas",
    "Josep Borrell",
    "Antony Blinken",
    "David Lammy",
    "Hakan Fidan",
    "Gabrielius Landsbergis",
]
INCIDENTS = [
    "a cyberattack on the national power grid",
    "a plot to plant incendiary devices in cargo planes",
    "a campaign of sabotage against rail lines",
    "the drone attack on a fuel depot",
    "an arson attack on a warehouse",
    "the poisoning of a former intelligence officer",
    "a disinformation campaign ahead of the election",
    "the airspace violation near the border",
    "an espionage operation at a naval base",
    "a series of explosions at an arms factory",
]
TOPICS = [
    "energy prices",
    "grain exports",
    "border security",
    "arms deliveries",
    "sanctions",
    "election security",
    "undersea cables",
    "migration",
    "air defence",
    "shipping lanes",
]
OUTLETS = ["Example Wire", "Northern Herald", "The Daily Ledger", "Global Desk", "Baltic Times"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

HEADLINES = [
    "{A} Accuses {B} of {Incident_short}",
    "{B} Denies Role in {Incident_short} as Tensions With {A} Rise",
    "{A} and {C} Pledge Closer Ties Amid Dispute With {B}",
    "Officials in {CapA} Blame {B} for {Incident_short}",
]
ACCUSE = [
    "{TitleA} {LeaderA} accused {B} of {incident} on {day}.",
    "{DemA} officials blamed {B} for {incident}, according to a statement from {CapA}.",
    "{A} accused {DemB} special services of orchestrating {incident}.",
    "{LeaderA} said {B} was responsible for {incident}.",
    "\u201cWe hold {B} responsible for this attack,\u201d {LeaderA} told reporters in {CapA}.",
    "{A} condemned {B} over {incident} and summoned its ambassador.",
    "Investigators in {CapA} said {B} was behind {incident}.",
    "{DemA} intelligence agencies allege that {B} planned {incident}.",
]
DENY = [
    "{B} denied any involvement in {incident}.",
    "{SpokesB}, a spokesman for the {DemB} Foreign Ministry, rejected the accusations as baseless.",
    "{CapB} dismissed the claims by {A} as unfounded and politically motivated.",
    "\u201cThese allegations are completely without merit,\u201d {SpokesB} said.",
    "The {DemB} government rejected the charges made by {LeaderA}.",
]
ALLY = [
    "{A} is a member of {Alliance}, and {C} joined {Alliance} in {year}.",
    "{A} and {C} are close allies, and {LeaderC} said {C} stands with {A}.",
    "{C} pledged support for {A} after the incident.",
    "{TitleC} {LeaderC} voiced support for {A} during a visit to {CapA}.",
    "{A} has allied with {C} on {topic}, officials in both capitals said.",
]
THREAT = [
    "{B} threatened {A} with unspecified countermeasures.",
    "{SpokesB} warned that {B} would respond to any new sanctions.",
    "{LeaderB} threatened {C} over its support for {A}.",
]
FILLER = [
    "The dispute comes as governments across the region review their policies on {topic}.",
    "Analysts said the episode was likely to dominate talks on {topic} later this month.",
    "Talks on {topic} have stalled for months, and officials expect little progress soon.",
    "The issue of {topic} has divided lawmakers, who are due to vote on a new package next week.",
    "Markets reacted calmly to the news, although traders said uncertainty over {topic} remained.",
    "Diplomats described the atmosphere at the meeting as tense but professional.",
    "Several smaller parties called for an independent inquiry into what happened and why.",
    "Local residents said they had noticed nothing unusual in the days before the incident.",
    "The investigation is expected to take several weeks, according to people familiar with it.",
    "Opposition figures criticised the handling of the crisis and demanded more transparency.",
    "Experts noted that similar incidents had been reported in neighbouring countries last year.",
    "The foreign ministers are scheduled to meet again before the end of the year.",
]


def _pick_three(rng: random.Random) -> tuple[tuple, tuple, tuple]:
    a, b, c = rng.sample(STATES, 3)
    return a, b, c


def _slots(rng: random.Random) -> dict[str, str]:
    a, b, c = _pick_three(rng)
    incident = rng.choice(INCIDENTS)
    short = incident.split(" on ")[0].split(" against ")[0].split(" at ")[0]
    short = " ".join(
        w.capitalize() if w not in ("a", "an", "the", "of", "in", "to") else w
        for w in short.replace("the ", "").replace("a ", "", 1).split()
    )
    return {
        "A": a[0],
        "DemA": a[1],
        "CapA": a[2],
        "TitleA": a[3],
        "LeaderA": a[4],
        "B": b[0],
        "DemB": b[1],
        "CapB": b[2],
        "TitleB": b[3],
        "LeaderB": b[4],
        "C": c[0],
        "DemC": c[1],
        "CapC": c[2],
        "TitleC": c[3],
        "LeaderC": c[4],
        "SpokesB": rng.choice(SPOKESPEOPLE),
        "Alliance": rng.choice(ALLIANCES),
        "incident": incident,
        "Incident_short": short,
        "topic": rng.choice(TOPICS),
        "day": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        "year": str(rng.randint(1995, 2024)),
    }


def _fill(template: str, slots: dict[str, str], rng: random.Random) -> str:
    text = template.format(**slots)
    return text[:1].upper() + text[1:]


def make_article(i: int, *, seed: int = 7, words: int = 700) -> tuple[str, str]:
    """One synthetic article: (file name, text) of about ``words`` words.

    >>> name, text = make_article(0)
    >>> name, 600 < len(text.split()) < 800
    ('bench-00000.txt', True)
    """
    rng = random.Random(seed * 1_000_003 + i)
    slots = _slots(rng)
    day = rng.randint(1, 28)
    month = rng.choice(MONTHS)
    year = rng.choice([2023, 2024, 2025])
    lines = [
        _fill(rng.choice(HEADLINES), slots, rng),
        "",
        f"Published: {day} {month} {year}",
        f"Source: {rng.choice(OUTLETS)}",
        "",
    ]
    count = sum(len(x.split()) for x in lines)
    groups = [ACCUSE, DENY, ALLY, THREAT, FILLER, FILLER]
    while count < words:
        paragraph = []
        for _ in range(rng.randint(2, 4)):
            group = rng.choice(groups)
            if rng.random() < 0.3:  # a new topic or third state now and then
                slots["topic"] = rng.choice(TOPICS)
                c = rng.choice([s for s in STATES if s[0] not in (slots["A"], slots["B"])])
                slots.update(C=c[0], DemC=c[1], CapC=c[2], TitleC=c[3], LeaderC=c[4])
            sentence = _fill(rng.choice(group), slots, rng)
            paragraph.append(sentence)
            count += len(sentence.split())
        if rng.random() < 0.15:
            agency, _owner = rng.choice(AGENCIES)
            sentence = f"{agency[:1].upper() + agency[1:]} declined to comment on the reports."
            paragraph.append(sentence)
            count += len(sentence.split())
        lines.append(" ".join(paragraph))
        lines.append("")
    return f"bench-{i:05d}.txt", "\n".join(lines).rstrip() + "\n"


def make_corpus(n: int, *, seed: int = 7, words: int = 700) -> list[tuple[str, str]]:
    """``n`` articles as (file name, text) pairs, always the same for the same arguments."""
    return [make_article(i, seed=seed, words=words) for i in range(n)]


def write_corpus(n: int, folder: str | Path, *, seed: int = 7, words: int = 700) -> Path:
    """Write ``n`` articles into ``folder`` (created; existing bench files replaced)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("bench-*.txt"):
        old.unlink()
    for name, text in make_corpus(n, seed=seed, words=words):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=300, help="number of articles")
    parser.add_argument("out", nargs="?", default="/tmp/relate-bench/corpus", help="folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=700, help="words per article")
    args = parser.parse_args()
    folder = write_corpus(args.n, args.out, seed=args.seed, words=args.words)
    total = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("bench-*.txt"))
    print(f"{args.n} articles, {total} words -> {folder}")


if __name__ == "__main__":
    main()
