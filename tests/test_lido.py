"""LIDO exports onto the cleaned schema: all 450 Nationalmuseum records (fixtures/nationalmuseum_lido,
see fixtures/README.md), table-driven rules, parser safety, and the collector's --from-lido."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from museumguide.records import lido
from museumguide.records.notes import drop_unfinished
from tests.conftest import FIXTURES

EXPORT = FIXTURES / "nationalmuseum_lido"
NS = lido.NS
NOT_MAKERS = {"härkomst (organisation)", "donator (person)", "donator (organisation)",
              "finansieringskälla (organisation)", "tidigare attribution"}


@pytest.fixture(scope="module")
def records() -> list[lido.LidoRecord]:
    return list(lido.iter_records(EXPORT))


@pytest.fixture(scope="module")
def cleaned(records):
    return lido.clean_lido_records(iter(records), "nationalmuseum", "Nationalmuseum, Sweden")


def actors(record: lido.LidoRecord) -> list[tuple[str, str, str]]:
    """(name, role, qualifier) of every actor of every event of a record, as the file has them."""
    out = []
    for actor in record.element.iterfind(".//lido:eventActor/lido:actorInRole", NS):
        out.append(tuple((lido._text(actor.find(p, NS)) or "").lower() for p in (
            "lido:actor/lido:nameActorSet/lido:appellationValue", "lido:roleActor/lido:term",
            "lido:attributionQualifierActor")))
    return out


def test_every_painting_with_a_title_and_a_maker_is_kept(records, cleaned):
    assert len(records) == 450
    assert cleaned.seen == 450 and len(cleaned.paintings) == 450 and not cleaned.dropped
    assert len({p["key"] for p in cleaned.paintings}) == 450
    assert all(p["title"] and p["artist"] for p in cleaned.paintings)


def test_no_former_owner_or_former_attribution_is_named_as_the_artist(records, cleaned):
    by_id = {lido.record_id(r.element): r for r in records}
    checked = 0
    for painting in cleaned.paintings:
        people = actors(by_id[painting["object_id"]])
        makers = {n for n, role, q in people if role not in NOT_MAKERS and q != "tidigare attribution"}
        others = {n for n, role, q in people if role in NOT_MAKERS or q == "tidigare attribution"} - makers
        assert painting["artist"].lower() not in others, (painting["key"], painting["artist"], people)
        checked += bool(others)
    assert checked >= 100, "the export has former owners and attributions to tell apart"


def test_no_acquisition_year_becomes_the_date(records, cleaned):
    by_id = {lido.record_id(r.element): r for r in records}
    acquired = 0
    for painting in cleaned.paintings:
        record = by_id[painting["object_id"]].element
        creation = " ".join(lido._text(d) or "" for d in record.xpath(
            ".//lido:event[lido:eventType/lido:term='Creation']/lido:eventDate/lido:displayDate", namespaces=NS))
        bought = [lido._text(d) for d in record.xpath(
            ".//lido:event[lido:eventType/lido:term='Acquisition']/lido:eventDate/lido:displayDate", namespaces=NS)]
        for text in bought:
            year = re.search(r"\d{4}", text or "")
            if year and year.group(0) not in creation:
                acquired += 1
                assert year.group(0) not in (painting["date"] or ""), (painting["key"], painting["date"], text)
        assert "Förvärvsår" not in (painting["date"] or "")
    assert acquired >= 50


def test_queen_kristina_school_piece_own_size_and_languages(cleaned):
    """Item_7204656: the artist with the qualifier "Hans skola", the same name as a former
    attribution, the frame's size beside the painting's, notes in two languages."""
    p = next(p for p in cleaned.paintings if p["object_id"] == 23742)
    assert (p["artist"], p["artist_prefix"]) == ("Jacob Heinrich Elbfas", "School of")
    assert (p["height_cm"], p["width_cm"], p["dimensions"]) == (130.5, 92.5, "130.5 x 92.5 cm")
    assert p["title"] == "Queen Kristina as a Child" and p["languages"]["sv"]["title"] == "Drottning Kristina som barn"
    assert p["notes"].startswith("Christina emerges here as queen")
    assert p["languages"]["sv"]["notes"].startswith("Kristina framträder här som drottning")
    assert p["languages"]["sv"]["medium"] == "Olja på duk" and p["medium"] == "Oil on canvas"
    assert (p["notes_license"], p["notes_attribution"], p["museum"]) == ("CC0", "Nationalmuseum, Sweden",
                                                                        "Nationalmuseum, Sweden")
    assert p["date"] is None, "the creation event gives no date; the acquisition's 1978 is not one"


def test_notes_per_language_cleaned(cleaned):
    both = [p for p in cleaned.paintings if {"sv", "en"} <= set(p["languages"])
            and all("notes" in p["languages"][k] for k in ("sv", "en"))]
    swedish_only = [p for p in cleaned.paintings if "notes" in p["languages"].get("sv", {})
                    and "notes" not in p["languages"].get("en", {})]
    assert len(both) >= 240 and len(swedish_only) >= 95
    for p in both + swedish_only:
        for entry in p["languages"].values():
            if "notes" in entry:
                assert "\n" not in entry["notes"], "line breaks inside sentences are joined"
                assert re.search(r"[.!?…][\"'”’)]*$", entry["notes"]), (p["key"], entry["notes"][-60:])
    assert all(p["notes"] is None for p in swedish_only), "English guides show English notes only"


@pytest.mark.parametrize("display, earliest, latest, date", [
    ("Utf. 1725 - 1730", 1725, 1730, "1725–1730"),
    ("Executed 1725 - 1730", 1725, 1730, "1725–1730"),
    ("Sign. 1733", 1733, 1733, "1733"),
    ("Signed 1693", 1693, 1693, "1693"),
    ("Utf. ca 1648", 1646, 1650, "ca. 1648"),
    ("Executed circa 1648", 1646, 1650, "ca. 1648"),
    ("Made ca 1616 - 1624", 1614, 1626, "ca. 1616–1624"),
    ("Executed 1838 (?)", 1838, 1838, "ca. 1838"),
    ("Utf. 1700-talet", 1700, 1799, "18th century"),
    ("Utf. 1660-talet", 1660, 1669, "1660s"),
    ("Sign. 1876-09", 1876, 1876, "1876"),  # signed September 1876: a month, not a range to 1809
    ("Made 1620s", 1620, 1629, "1620s"),
    ("Utf. slutet av 1890-talet", 1895, 1899, "late 1890s"),
    ("Executed begun 1782, accomplished 1793", 1782, 1793, "begun 1782, accomplished 1793"),
    (None, None, None, None),
])
def test_spoken_date(display, earliest, latest, date):
    assert lido.spoken_date(display, earliest, latest) == date


def lido_file(tmp_path: Path, event: str, name: str = "one.xml", head: str = "") -> Path:
    path = tmp_path / name
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>{head}
<lido:lido xmlns:lido="http://www.lido-schema.org">
 <lido:descriptiveMetadata xml:lang="sv">
  <lido:objectClassificationWrap><lido:objectWorkTypeWrap><lido:objectWorkType>
   <lido:term>Målningar (Måleri)</lido:term></lido:objectWorkType></lido:objectWorkTypeWrap></lido:objectClassificationWrap>
  <lido:objectIdentificationWrap><lido:titleWrap><lido:titleSet>
   <lido:appellationValue xml:lang="sv">Ett porträtt</lido:appellationValue></lido:titleSet></lido:titleWrap></lido:objectIdentificationWrap>
  <lido:eventWrap><lido:eventSet><lido:event>
   <lido:eventType><lido:term>Creation</lido:term></lido:eventType>{event}
  </lido:event></lido:eventSet></lido:eventWrap>
 </lido:descriptiveMetadata>
 <lido:administrativeMetadata xml:lang="sv"><lido:recordWrap><lido:recordID>7</lido:recordID></lido:recordWrap></lido:administrativeMetadata>
</lido:lido>""", encoding="utf-8")
    return path


def actor(name: str, role: str, qualifier: str = "") -> str:
    return (f"<lido:eventActor><lido:actorInRole><lido:actor><lido:nameActorSet><lido:appellationValue>{name}"
            f"</lido:appellationValue></lido:nameActorSet></lido:actor><lido:roleActor><lido:term>{role}</lido:term>"
            f"</lido:roleActor><lido:attributionQualifierActor>{qualifier}</lido:attributionQualifierActor>"
            f"</lido:actorInRole></lido:eventActor>")


@pytest.mark.parametrize("event, artist, prefix", [
    (actor("Carl Larsson", "Konstnär"), "Carl Larsson", None),
    (actor("Carl Larsson", "Konstnär", "Tillskriven"), "Carl Larsson", "Attributed to"),
    (actor("Carl Larsson", "Attribuerad till"), "Carl Larsson", "Attributed to"),
    (actor("Rembrandt", "Kopia efter"), "Rembrandt", "Copy after"),
    (actor("David Klöcker Ehrenstrahl", "Konstnär", "Hans art"), "David Klöcker Ehrenstrahl", "Manner of"),
    (actor("Gripsholms slott", "Härkomst (organisation)") + actor("Okänd", "Konstnär"), "Unknown artist", None),
    (actor("Anthonis van Dyck", "Tidigare attribution", "Tidigare attribution") + actor("Okänd", "Konstnär"),
     "Unknown artist", None),
    (actor("Anthonis van Dyck", "Konstnär", "Tidigare attribution") + actor("Pieter Soutman", "Konstnär"),
     "Pieter Soutman", None),
    (actor("Gustaf Lundberg", ""), "Gustaf Lundberg", None),   # an actor of the making without a role
    (actor("Gripsholms slott", "Härkomst (organisation)"), None, None),
    # Issue 33: a hedge written into the name (NM 18498, "Jusepe de Ribera (Workshop of)")
    (actor("Jusepe de Ribera (Workshop of)", ""), "Jusepe de Ribera", "Workshop of"),
    # the Swedish "the Elder" and "the Younger" said in English (NM, "Frans Hals d.ä.", seed 19)
    (actor("Frans Hals d.ä.", "Konstnär"), "Frans Hals the Elder", None),
    (actor("Pieter Brueghel d.y.", "Konstnär"), "Pieter Brueghel the Younger", None),
])
def test_maker(tmp_path, event, artist, prefix):
    (record,) = lido.read_file(lido_file(tmp_path, event))
    painting = lido.clean_lido_record(record, "nm", "Nationalmuseum")
    assert (painting["artist"], painting["artist_prefix"]) == (artist, prefix)
    assert lido.drop_reason(painting) == (None if artist else lido.DROP_NO_MAKER)


def test_entities_are_not_expanded_and_nothing_is_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    head = (f'<!DOCTYPE lido:lido [<!ENTITY boom "BOOMBOOMBOOM"><!ENTITY file SYSTEM "{secret.as_uri()}">'
            f'<!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>')
    path = lido_file(tmp_path, actor("&boom;&file;&net;", "Konstnär"), head=head)
    (record,) = lido.read_file(path)
    painting = lido.clean_lido_record(record, "nm", "Nationalmuseum")
    assert "BOOM" not in json.dumps(painting) and "SECRET" not in json.dumps(painting)


@pytest.mark.parametrize("content, message", [
    ('<?xml version="1.0"?>\n<lido:lido xmlns:lido="http://www.lido-schema.org">\n<lido:lidoRecID>\n</lido:lido>',
     r"bad\.xml:4: not well-formed XML"),
    ('<?xml version="1.0"?>\n<records><record/></records>', r"bad\.xml:2: not a LIDO file \(the root is <records>"),
])
def test_bad_files_are_named_with_their_line(tmp_path, content, message):
    (tmp_path / "bad.xml").write_text(content)
    with pytest.raises(lido.LidoError, match=message):
        lido.read_file(tmp_path / "bad.xml")


@pytest.mark.parametrize("text, kept", [
    ("One sentence. Another one.", "One sentence. Another one."),
    ("One sentence. The objects that demonstr", "One sentence."),
    ("He said “so.” Then he left", "He said “so.”"),
    ("A fragment alone", "A fragment alone"),
    ("The sky is red. [...]", "The sky is red."),                     # the museum's own elision mark
])
def test_drop_unfinished(text, kept):
    assert drop_unfinished(text) == kept


@pytest.mark.parametrize("name, prefix", [("Nationalmuseum, Sweden", "nationalmuseum"),
                                          ("Göteborgs konstmuseum", "gteborgs"), ("SMK", "smk")])
def test_source_prefix(name, prefix):
    assert lido.source_prefix(name) == prefix


def test_collect_from_lido_beside_the_met(tmp_path, met_records, capsys):
    from museumguide import collect
    from museumguide.common import jsonl

    raw, processed = tmp_path / "raw", tmp_path / "processed"
    met_file = tmp_path / "met.jsonl"
    jsonl.write_jsonl_atomic(met_file, met_records)
    args = ["--raw-dir", str(raw), "--processed-dir", str(processed), "--no-progress"]
    assert collect.main(["--from-file", str(met_file)] + args) == 0
    assert collect.main(["--from-lido", str(EXPORT)] + args) == 0
    out = capsys.readouterr().out
    assert "lido: copied 450, already present 0" in out and "nationalmuseum: kept 450 of 450" in out
    paintings = jsonl.read_jsonl(processed / "paintings.jsonl")
    sources = {p["source"] for p in paintings}
    assert sources == {"met", "nationalmuseum"} and len({p["key"] for p in paintings}) == len(paintings)
    # A later run of another source keeps the LIDO paintings; a rerun copies nothing again.
    assert collect.main(["--from-file", str(met_file)] + args) == 0
    assert sum(p["source"] == "nationalmuseum" for p in jsonl.read_jsonl(processed / "paintings.jsonl")) == 450
    assert collect.main(["--from-lido", str(EXPORT / "Item_7204656.xml")] + args) == 0
    assert "lido: copied 0, already present 1" in capsys.readouterr().out


@pytest.mark.parametrize("extra, message", [
    (["--source-name", "Met Museum"], "which is The Met's"),
    (["--from-file", "x.jsonl"], "alternatives"),
])
def test_collect_from_lido_refusals(tmp_path, capsys, extra, message):
    from museumguide import collect

    code = collect.main(["--from-lido", str(EXPORT / "Item_7204656.xml"), "--raw-dir", str(tmp_path / "raw"),
                         "--processed-dir", str(tmp_path / "p"), "--no-progress"] + extra)
    assert code == 2 and message in capsys.readouterr().err


def test_collect_names_a_bad_file_and_copies_nothing(tmp_path, capsys):
    from museumguide import collect

    export = tmp_path / "export"
    export.mkdir()
    (export / "a.xml").write_bytes((EXPORT / "Item_7204656.xml").read_bytes())
    (export / "b.xml").write_text('<?xml version="1.0"?>\n<lido:lidoWrap xmlns:lido="http://www.lido-schema.org">\n<oops>')
    code = collect.main(["--from-lido", str(export), "--raw-dir", str(tmp_path / "raw"),
                         "--processed-dir", str(tmp_path / "p"), "--no-progress"])
    assert code == 2 and "b.xml:3: not well-formed XML" in capsys.readouterr().err
    assert not (tmp_path / "raw" / "lido").exists()


def test_a_hedge_in_the_name_is_said_as_a_hedge(cleaned):
    """NM 18498 as the museum publishes it: the opening says "workshop of Jusepe de Ribera"."""
    from museumguide.data.writers.template import opening

    ribera = next(p for p in cleaned.paintings if p["title"] == "St Bartholomew")
    assert (ribera["artist"], ribera["artist_prefix"]) == ("Jusepe de Ribera", "Workshop of")
    assert "workshop of Jusepe de Ribera" in opening(ribera) and "(Workshop of)" not in opening(ribera)
