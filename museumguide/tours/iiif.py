"""A tour as a IIIF Presentation 3 manifest, for viewers and aggregators that speak IIIF.

    from museumguide.tours.iiif import write_manifest
    write_manifest(tour, entries, "https://museum.example/tour/", Path("manifest.iiif.json"))

Built with iiif-prezi3, as the IIIF cookbook models audio: the tour is a Manifest, each stop a
Canvas with the narration's ``duration``; the MP3 is its painting annotation (a Sound), the WebVTT
a supplementing annotation (recipe 0219), and the painting's image, where the record has one, an
``accompanyingCanvas`` shown while the audio plays (recipe 0014) and the Canvas's thumbnail. The
accompanying canvas takes the painting's proportions from its centimetres when the record gives
them. Ids are absolute URLs under the export's base.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

IMAGE_WIDTH = 1000
"""Width of the accompanying canvas's coordinate space (the image is scaled to fit it)."""


def _label(text: str, language: str) -> dict:
    return {language: [text]}


def build_manifest(tour: dict, entries: list[dict], base: str):
    """The iiif-prezi3 ``Manifest`` of the tour."""
    from iiif_prezi3 import AccompanyingCanvas, Annotation, AnnotationBody, AnnotationPage, Manifest

    lang = tour["language"]
    manifest = Manifest(id=urljoin(base, tour["iiif"]), label=_label(tour["name"], lang),
                        behavior=["auto-advance"])
    if tour["credits"]:
        manifest.requiredStatement = {"label": _label("Credit", "en"), "value": _label("; ".join(tour["credits"]), lang)}
    for e in entries:
        cid = urljoin(base, f"canvas/{e['stop']}")
        canvas = manifest.make_canvas(id=cid, duration=max(e["seconds"], 0.1),
                                      label=_label(f"{e['stop']}. {e['title']}", lang))
        meta = [("Artist", e.get("artist")), ("Object type", e.get("form_name")), ("Date", e.get("date")),
                ("Medium", e.get("medium")),
                ("Museum", e["museum"]), ("Status", e["status"]),
                ("Voice", e.get("voice") and e["voice"] + (" (synthetic fallback)" if e.get("synthetic_voice") and
                                                            "fallback" not in e["voice"] else ""))]
        canvas.metadata = [{"label": _label(k, "en"), "value": _label(str(v), lang)} for k, v in meta if v]
        sound = AnnotationBody(id=urljoin(base, e["audio"]), type="Sound", format="audio/mpeg",
                               duration=max(e["seconds"], 0.1))
        canvas.add_item(AnnotationPage(id=f"{cid}/page", items=[
            Annotation(id=f"{cid}/page/audio", motivation="painting", body=sound, target=cid)]))
        canvas.make_annotation(anno_page_id=f"{cid}/annotations", id=f"{cid}/annotations/transcript",
                               motivation="supplementing", target=cid,
                               body=AnnotationBody(id=urljoin(base, e["vtt"]), type="Text", format="text/vtt",
                                                   language=lang, label=_label("Transcript", "en")))
        if e.get("image_url"):
            height = IMAGE_WIDTH
            if e.get("height_cm") and e.get("width_cm"):
                height = max(1, round(IMAGE_WIDTH * e["height_cm"] / e["width_cm"]))
            image = AnnotationBody(id=e["image_url"], type="Image", format="image/jpeg")
            accompanying = AccompanyingCanvas(id=f"{cid}/image", width=IMAGE_WIDTH, height=height,
                                              label=_label(e["title"], lang))
            accompanying.add_item(AnnotationPage(id=f"{cid}/image/page", items=[
                Annotation(id=f"{cid}/image/page/image", motivation="painting", body=image, target=f"{cid}/image")]))
            canvas.accompanyingCanvas = accompanying
            canvas.thumbnail = [{"id": e.get("thumbnail_url") or e["image_url"], "type": "Image", "format": "image/jpeg"}]
    return manifest


def write_manifest(tour: dict, entries: list[dict], base: str, path: Path) -> None:
    path.write_text(build_manifest(tour, entries, base).json(indent=2) + "\n", encoding="utf-8")
