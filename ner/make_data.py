"""Training data for the name recogniser, made from files of this repository only.

    python ner/make_data.py OUT_DIR        # writes OUT_DIR/train.spacy and OUT_DIR/dev.spacy

The texts are the bundled articles (``corpus/articles/sample.jsonl``), 300 more drawn for
this model (``corpus/ner/articles.jsonl``, ``ner/draw_articles.py``), the development gold
(``corpus/gold/articles.jsonl``) and the award-event set (``corpus/gold-awards``), never the
held-out set (``corpus/heldout``). Their entities are silver, in this order of trust (a later
span that overlaps an earlier one is dropped):

1. PER: the officials of the gold annotations (development gold), else the officials the
   rules find;
2. ORG: the organisation in each title the rules give an official (``Giám đốc`` **Công an
   tỉnh Nghệ An**), and the run of capitals after a club, company or brand word
   (``CLB`` **Barcelona**, ``rules/ner.yaml``);
3. LOC: the provinces the rules find and the countries of ``rules/officials.yaml``;
4. PER: a name after a form of address (``ông X``) and a full Vietnamese name of three
   syllables or more standing alone (``names.name_in_run``).

Every name so found is labelled wherever else the same string stands in the article, and the
last word of a foreign person's name (one that does not open with a Vietnamese family name)
wherever it stands alone (``Trump``). The
examples are the sentences the officials reader reads (a rank, a title word or a form of
address) and any other sentence holding an entity, one syllable per token as the stage reads
them (``pipeline.ner.sentence_doc``). One article in ten of the bundled sample and of
``corpus/ner`` (by a hash of its id) goes to the development set. Same files in, same data out.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spacy.tokens import DocBin  # noqa: E402

import pipeline  # noqa: E402
from pipeline import rules, segment  # noqa: E402
from pipeline.extractors.officials.names import NAME_RUN, OtherNames, Words, name_after, name_in_run  # noqa: E402
from pipeline.extractors.officials.patterns import patterns  # noqa: E402
from pipeline.ner import sentence_doc  # noqa: E402
from pipeline.numbers import alternation  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402
from pipeline.record import article_text, extract_article  # noqa: E402

TRAIN_SOURCES = ("corpus/articles/sample.jsonl", "corpus/ner/articles.jsonl", "corpus/gold/articles.jsonl",
                 "corpus/gold-awards/articles.jsonl")
#: the sources whose articles are split between training and development (the others train)
SPLIT_SOURCES = TRAIN_SOURCES[:2]
GOLD_DIR = ROOT / "corpus/gold"
CAPITAL = r"\p{Lu}[\p{L}\p{M}\p{N}&'’.-]*"
CAPITAL_RUN = rf"{CAPITAL}(?:\s{CAPITAL}){{0,4}}"


def articles() -> list[dict]:
    found = []
    for source in TRAIN_SOURCES:
        with open(ROOT / source, encoding="utf-8") as handle:
            found.extend(json.loads(line) for line in handle if line.strip())
    seen, unique = set(), []
    for article in found:
        if article["id"] not in seen:
            seen.add(article["id"])
            unique.append(article)
    return unique


def gold_names(article_id: str) -> list[str] | None:
    path = GOLD_DIR / f"{article_id}.json"
    if not path.exists():
        return None
    gold = json.loads(path.read_text(encoding="utf-8"))
    return [o["name"] for o in gold.get("officials", [])] if "officials" in gold else None


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where ``phrase`` stands in ``text`` as whole words."""
    if not phrase.strip():
        return []
    pattern = rf"(?<![\p{{L}}\p{{M}}\p{{N}}]){regex.escape(phrase)}(?![\p{{L}}\p{{M}}\p{{N}}])"
    return [(m.start(), m.end()) for m in regex.finditer(pattern, text)]


def silver(text: str, record: dict, golden: list[str] | None) -> list[tuple[int, int, str]]:
    """The silver entities of one article, in order of trust (see the module's doc)."""
    p = patterns()
    data = rules.load("ner")
    spans: list[tuple[int, int, str]] = []
    # 1. officials
    names = golden if golden is not None else [o["name"] for o in record["officials"]]
    for name in names:
        spans.extend((a, b, "PER") for a, b in occurrences(text, name))
    # 2. organisations: in titles, and after a club, company or brand word
    orgs: set[str] = set()
    for official in record["officials"]:
        for title in official["titles"]:
            head = p.head_at_start.match(title)
            if head:
                org = title[head.end("title"):].strip()
                if org[:1].isupper() and len(org) > 2:
                    orgs.add(org)
    brand = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(data['brand_openers'])})\s+({CAPITAL_RUN})")
    for m in brand.finditer(text):
        orgs.add(m[1])
    for org in sorted(orgs, key=len, reverse=True):
        spans.extend((a, b, "ORG") for a, b in occurrences(text, org))
    # 3. places
    spans.extend((m["start"], m["end"], "LOC") for m in record["provinces"])
    countries = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(rules.load('officials')['places_before_names'])})"
                              rf"(?![\p{{L}}\p{{M}}])")
    spans.extend((m.start(), m.end(), "LOC") for m in countries.finditer(text))
    # 4. other people: after a form of address, and full Vietnamese names
    people: set[str] = set()
    for start, end in segment.sentences(text):
        words = Words(segment.syllable_tokens(text, start, end))
        for m in p.honorific.finditer(text, start, end):
            name = name_after(text, m, end, words, reach=0)
            if name is not None:
                people.add(text[name.start:name.end])
        for run in NAME_RUN.finditer(text, start, end):
            name = name_in_run(text, run.start(), run.end(), words, min_len=3, other_names=OtherNames.NONE)
            if name is not None and name.start == run.start() and run.start() > start:
                people.add(text[name.start:name.end])
    for name in sorted(people, key=len, reverse=True):
        spans.extend((a, b, "PER") for a, b in occurrences(text, name))
    surnames = rules.load("names")["surnames"]
    for name in names:
        words = name.split()
        if len(words) >= 2 and words[0] not in surnames and words[-1][:1].isupper():
            spans.extend((a, b, "PER") for a, b in occurrences(text, words[-1]))
    kept: list[tuple[int, int, str]] = []
    taken = [False] * (len(text) + 1)
    for a, b, label in spans:
        if b > a and not any(taken[a:b]):
            kept.append((a, b, label))
            for i in range(a, b):
                taken[i] = True
    return sorted(kept)


def examples(article: dict, record: dict, vocab) -> list:
    """The sentence docs of one article with their silver entities."""
    text = normalize(article_text(article))
    entities = silver(text, record, gold_names(article["id"]))
    trigger = patterns().trigger
    docs = []
    for start, end in segment.sentences(text):
        if end - start > segment.MAX_SEGMENTED_CHARS:
            continue
        inside = [(a, b, label) for a, b, label in entities if start <= a and b <= end]
        if not inside and not trigger.search(text, start, end):
            continue
        doc, tokens = sentence_doc(vocab, text, start, end)
        ents = []
        for a, b, label in inside:
            first = next((i for i, t in enumerate(tokens) if t.start == a), None)
            last = next((i for i, t in enumerate(tokens) if t.end == b), None)
            if first is not None and last is not None and last >= first:
                ents.append(doc[first:last + 1])
                ents[-1].label_ = label
        doc.ents = [doc.char_span(e.start_char, e.end_char, label=e.label_) for e in ents]
        docs.append(doc)
    return docs


def in_dev(article_id: str) -> bool:
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 10 == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    nlp = pipeline.load()
    import spacy
    vocab = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}}).vocab
    train, dev = DocBin(), DocBin()
    counts = {"train": [0, 0], "dev": [0, 0]}
    split_ids = {json.loads(line)["id"] for source in SPLIT_SOURCES
                 for line in open(ROOT / source, encoding="utf-8") if line.strip()}
    for article in articles():
        record = extract_article(nlp, article)
        part = "dev" if article["id"] in split_ids and in_dev(article["id"]) else "train"
        for doc in examples(article, record, vocab):
            (dev if part == "dev" else train).add(doc)
            counts[part][0] += 1
            counts[part][1] += len(doc.ents)
    args.out.mkdir(parents=True, exist_ok=True)
    train.to_disk(args.out / "train.spacy")
    dev.to_disk(args.out / "dev.spacy")
    for part, (sentences, ents) in counts.items():
        print(f"{part}: {sentences} sentences, {ents} entities")


if __name__ == "__main__":
    main()
