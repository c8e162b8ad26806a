"""berita_quotes: direct and indirect quotes, cues and speakers, on sentences in news style."""

import re

import pytest

from pipeline.doc import to_plain
from pipeline.entities import Entity, Mention
from pipeline.nlp import build_nlp
from pipeline.quotes import QuoteFinder


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(None)


@pytest.fixture(scope="module")
def finder(nlp):
    return QuoteFinder(nlp)


def run_doc(nlp, finder, text, entities=None):
    """`text` through `finder`; `entities` lists (Entity, mention strings): each string is marked
    at its first occurrence not inside an earlier mention, as berita_entities would."""
    doc = nlp(text)
    if entities is not None:
        spans = []
        for entity, surfaces in entities:
            for surface in surfaces:
                start = next(
                    m.start() for m in re.finditer(rf"\b{re.escape(surface)}\b", text)
                    if not any(s.start_char <= m.start() < s.end_char for s in spans)
                )
                spans.append(doc.char_span(start, start + len(surface), label=entity.type, kb_id=entity.id))
                entity.mentions.append(Mention(start, start + len(surface), surface))
        doc.ents = sorted(spans, key=lambda s: s.start)
        doc._.entities = [to_plain(entity) for entity, _ in entities]
    finder(doc)
    for q in doc._.quotes:
        assert doc.text[q["start"]:q["end"]] == q["text"]
    return doc


def run(nlp, finder, text, entities=None):
    """The quotes of run_doc."""
    return run_doc(nlp, finder, text, entities)._.quotes


def summary(quotes):
    return [(q["type"], q["text"], q["speaker"], q["cue"]) for q in quotes]


SEED = (
    "Kepala Disperin Kota Semarang Mustohar mengatakan fenomena global yang langka ini turut "
    "menghambat laju industri secara umum. Kendati demikian, Mustohar menilai Kota Semarang cukup "
    "cerdas dan bijak menyikapinya.\n\n"
    "“Pandemi Covid-19 ini memang dirasakan para pelaku industri. Sebab sebagian besar aktivitas "
    "mereka berhubungan dengan ekspor dan impor,” katanya kepada Jawa Pos Radar Semarang, Senin (28/9/2020).\n\n"
    "Selain cepat beradaptasi, ada faktor lain yang memengaruhi. Menurutnya, kebijakan Pemkot Semarang "
    "untuk tidak menerapkan PSBB adalah langkah tepat.\n\n"
    "“Ketika ekspor agak macet, mereka membatasi produksi dengan menghabiskan stok produksi,” sambungnya."
)


def test_seed_sentences_without_entities(nlp, finder):
    assert summary(run(nlp, finder, SEED)) == [
        ("indirect", "fenomena global yang langka ini turut menghambat laju industri secara umum", "Mustohar", "mengatakan"),
        ("indirect", "Kota Semarang cukup cerdas dan bijak menyikapinya", "Mustohar", "menilai"),
        (
            "direct",
            "Pandemi Covid-19 ini memang dirasakan para pelaku industri. Sebab sebagian besar aktivitas "
            "mereka berhubungan dengan ekspor dan impor,",
            "Mustohar",
            "katanya",
        ),
        ("indirect", "kebijakan Pemkot Semarang untuk tidak menerapkan PSBB adalah langkah tepat", "Mustohar", "Menurutnya"),
        (
            "direct",
            "Ketika ekspor agak macet, mereka membatasi produksi dengan menghabiskan stok produksi,",
            "Mustohar",
            "sambungnya",
        ),
    ]


def test_speaker_is_the_canonical_entity_name_and_id(nlp, finder):
    hery = Entity("e1", "PERSON", "Hery Antasari", role="Pj Wali Kota Bogor")
    text = (
        "Pj Wali Kota Bogor Hery Antasari hadir dalam kirab itu.\n\n"
        "“Kita semua adalah NKRI. Kita semua sama,” kata Hery."
    )
    doc = run_doc(nlp, finder, text, [(hery, ["Hery Antasari", "Hery"])])
    assert summary(doc._.quotes) == [("direct", "Kita semua adalah NKRI. Kita semua sama,", "Hery Antasari", "kata")]
    assert doc._.quotes[0]["speaker_id"] == "e1"
    # Where the speaker and the cue stand: spans of the quote's id in doc.spans.
    assert [(s.id_, s.text, s.label_) for s in doc.spans["quote_speakers"]] == [("q1", "Hery", "PERSON")]
    assert [(s.id_, s.text) for s in doc.spans["quote_cues"]] == [("q1", "kata")]


def test_speaker_through_role_and_rank(nlp, finder):
    text = "“Titik rawannya kurang lebih kami klasifikasikan,” kata Kapolres Bogor AKBP Rio Wahyu Anggoro kepada wartawan."
    assert summary(run(nlp, finder, text)) == [
        ("direct", "Titik rawannya kurang lebih kami klasifikasikan,", "Rio Wahyu Anggoro", "kata")
    ]


def test_speaker_after_title_of_a_body(nlp, finder):
    text = "“Sekolah tetap dibuka pekan depan,” ujar Kepala Dinas Pendidikan Budi Santoso."
    assert [q["speaker"] for q in run(nlp, finder, text)] == ["Budi Santoso"]


def test_quote_interrupted_by_a_cue_gives_two_quotes_by_the_speaker(nlp, finder):
    text = "“Kami sudah siap,” kata Hery. “Semua petugas sudah kami siagakan di lapangan.”"
    assert summary(run(nlp, finder, text)) == [
        ("direct", "Kami sudah siap,", "Hery", "kata"),
        ("direct", "Semua petugas sudah kami siagakan di lapangan.", "Hery", None),
    ]


def test_closing_mark_used_as_opening_mark(nlp, finder):
    text = "”Pengamanan pilkada sudah kami siapkan sejak awal,” ujar Rio."
    assert summary(run(nlp, finder, text)) == [
        ("direct", "Pengamanan pilkada sudah kami siapkan sejak awal,", "Rio", "ujar")
    ]


def test_straight_quote_marks(nlp, finder):
    text = '"Sita hanya salah satu bagian upaya," kata Subur.'
    assert summary(run(nlp, finder, text)) == [("direct", "Sita hanya salah satu bagian upaya,", "Subur", "kata")]


def test_missing_closing_mark_ends_at_the_paragraph(nlp, finder):
    text = (
        "Budi Santoso mengatakan pekerjaan itu sudah dimulai sejak Senin.\n\n"
        "“Kami targetkan jalan selesai sebelum Lebaran tahun ini.\n\n"
        "Warga menyambut baik rencana itu. “Kami senang sekali,” ujar Siti."
    )
    assert summary(run(nlp, finder, text)) == [
        ("indirect", "pekerjaan itu sudah dimulai sejak Senin", "Budi Santoso", "mengatakan"),
        ("direct", "Kami targetkan jalan selesai sebelum Lebaran tahun ini.", "Budi Santoso", None),
        ("direct", "Kami senang sekali,", "Siti", "ujar"),
    ]


def test_quote_reopened_on_each_paragraph_is_one_quote(nlp, finder):
    text = (
        "“Jalan itu rusak sejak tahun lalu.\n\n"
        "“Kami sudah mengusulkan perbaikan kepada pemerintah provinsi,” kata Budi."
    )
    quotes = run(nlp, finder, text)
    assert summary(quotes) == [
        (
            "direct",
            "Jalan itu rusak sejak tahun lalu.\n\n“Kami sudah mengusulkan perbaikan kepada pemerintah provinsi,",
            "Budi",
            "kata",
        )
    ]


def test_odd_number_of_marks_does_not_swallow_the_rest(nlp, finder):
    text = (
        "Program itu disebut warga sebagai “angin segar bagi pedagang kecil.\n\n"
        "Harga cabai naik sejak pekan lalu di pasar itu.\n\n"
        "“Kami berharap harga segera turun,” kata Siti."
    )
    assert summary(run(nlp, finder, text)) == [("direct", "Kami berharap harga segera turun,", "Siti", "kata")]


def test_quoted_term_is_not_a_quote(nlp, finder):
    text = "Tema yang diusung adalah “Jabar Menyala” tahun ini."
    assert run(nlp, finder, text) == []


def test_indirect_cue_verbs_drop_bahwa_and_preamble(nlp, finder):
    text = (
        "Kepala Dinas Pendidikan Budi Santoso menjelaskan bahwa sekolah tetap dibuka pekan depan.\n\n"
        "Budi juga mengatakan kepada wartawan, seluruh guru sudah divaksin."
    )
    assert summary(run(nlp, finder, text)) == [
        ("indirect", "sekolah tetap dibuka pekan depan", "Budi Santoso", "menjelaskan"),
        ("indirect", "seluruh guru sudah divaksin", "Budi", "mengatakan"),
    ]


def test_menurut_and_inverted_cue_without_marks(nlp, finder):
    hery = Entity("e1", "PERSON", "Hery Antasari")
    text = (
        "Menurut Hery, penghargaan itu menandakan Kota Bogor dinilai sebagai kota terbaik.\n\n"
        "Penghargaan itu merupakan hasil kerja seluruh dinas, kata Hery."
    )
    quotes = run(nlp, finder, text, [(hery, ["Hery"])])
    assert summary(quotes) == [
        ("indirect", "penghargaan itu menandakan Kota Bogor dinilai sebagai kota terbaik", "Hery Antasari", "Menurut"),
        ("indirect", "Penghargaan itu merupakan hasil kerja seluruh dinas", "Hery Antasari", "kata"),
    ]


def test_passive_cues(nlp, finder):
    text = (
        "Dijelaskan Veronica, penyitaan dilakukan oleh kantor wilayah bersama 12 kantor pelayanan.\n\n"
        "“Penyitaan adalah upaya terakhir,” diungkapkan oleh Veronica."
    )
    assert summary(run(nlp, finder, text)) == [
        ("indirect", "penyitaan dilakukan oleh kantor wilayah bersama 12 kantor pelayanan", "Veronica", "Dijelaskan"),
        ("direct", "Penyitaan adalah upaya terakhir,", "Veronica", "diungkapkan"),
    ]


@pytest.mark.parametrize("cue", ["katanya", "ujarnya", "imbuhnya", "tambahnya", "sambungnya", "bebernya",
                                 "pungkasnya", "tegasnya", "jelasnya", "tuturnya", "ungkapnya", "paparnya"])
def test_clitic_cues_resolve_to_the_last_speaker_across_paragraphs(nlp, finder, cue):
    text = (
        "Ketua RT 03 Agus Salim mengatakan banjir datang sejak sore.\n\n"
        "Air masuk ke rumah warga setinggi lutut.\n\n"
        f"“Kami sudah mengungsikan anak-anak ke masjid,” {cue}."
    )
    quotes = run(nlp, finder, text)
    assert [(q["speaker"], q["cue"]) for q in quotes] == [("Agus Salim", "mengatakan"), ("Agus Salim", cue)]


@pytest.mark.parametrize("cue", ["kata dia", "ujar ia", "kata beliau"])
def test_pronoun_after_cue(nlp, finder, cue):
    text = f"Agus Salim mengatakan banjir datang sejak sore. “Air masuk sampai ke dapur,” {cue}."
    assert [q["speaker"] for q in run(nlp, finder, text)] == ["Agus Salim", "Agus Salim"]


def test_pronoun_prefers_a_person_named_in_a_later_sentence(nlp, finder):
    siti = Entity("e2", "PERSON", "Siti Aminah")
    agus = Entity("e1", "PERSON", "Agus Salim")
    text = (
        "Agus Salim mengatakan banjir datang sejak sore.\n\n"
        "Siti Aminah, pedagang di pasar itu, juga kebanjiran. “Dagangan saya basah semua,” katanya."
    )
    quotes = run(nlp, finder, text, [(agus, ["Agus Salim"]), (siti, ["Siti Aminah"])])
    assert [(q["speaker"], q["speaker_id"]) for q in quotes] == [("Agus Salim", "e1"), ("Siti Aminah", "e2")]


def test_no_speaker_is_null_not_a_guess(nlp, finder):
    text = "“Kami hanya ingin jalan ini segera diperbaiki,” katanya. Warga Bogor berharap pemerintah bergerak."
    quotes = run(nlp, finder, text)
    assert summary(quotes) == [("direct", "Kami hanya ingin jalan ini segera diperbaiki,", None, "katanya")]


def test_cue_with_only_a_common_noun_names_nobody(nlp, finder):
    text = "“Harga beras naik terus sejak bulan lalu,” kata warga Bogor."
    assert [q["speaker"] for q in run(nlp, finder, text)] == [None]


def test_organisation_speaks(nlp, finder):
    komisi = Entity("e1", "AGENCY", "Komisi I DPRD Provinsi Jawa Barat")
    text = "Komisi I DPRD Provinsi Jawa Barat berharap pemerintah pusat segera mencabut moratorium pemekaran."
    quotes = run(nlp, finder, text, [(komisi, ["Komisi I DPRD Provinsi Jawa Barat"])])
    assert [(q["type"], q["text"], q["speaker"], q["speaker_id"]) for q in quotes] == [
        ("indirect", "pemerintah pusat segera mencabut moratorium pemekaran", "Komisi I DPRD Provinsi Jawa Barat", "e1")
    ]


def test_quote_before_named_speaker_and_verb(nlp, finder):
    text = "“Anggaran untuk sekolah tidak dipotong,” Budi menambahkan."
    assert summary(run(nlp, finder, text)) == [("direct", "Anggaran untuk sekolah tidak dipotong,", "Budi", "menambahkan")]


def test_verb_introducing_a_direct_quote(nlp, finder):
    text = "Budi Santoso mengatakan, “Sekolah tetap dibuka pekan depan.”"
    assert summary(run(nlp, finder, text)) == [("direct", "Sekolah tetap dibuka pekan depan.", "Budi Santoso", "mengatakan")]


def test_component_is_registered_and_tolerates_no_entities(nlp):
    pipeline = build_nlp(None)
    pipeline.add_pipe("berita_quotes", config={"min_uncued_tokens": 2})
    doc = pipeline("Tidak ada kutipan di sini.")
    assert doc._.quotes == [] and doc._.entities is None


def test_speaker_after_a_description(nlp, finder):
    text = "“Ini sudah hujan dari kemarin sore,” kata salah satu pengemudi ojol asal Genuk, Wawan (35) kepada wartawan."
    assert [q["speaker"] for q in run(nlp, finder, text)] == ["Wawan"]


def test_speaker_in_apposition_after_the_title(nlp, finder):
    veronica = Entity("e1", "PERSON", "Veronica Heryanti")
    klaten = Entity("e2", "LOC", "Klaten")
    text = "“Sita hanya salah satu upaya,” jelas Kepala KPP Pratama Klaten, Veronica Heryanti, kepada wartawan."
    quotes = run(nlp, finder, text, [(klaten, ["Klaten"]), (veronica, ["Veronica Heryanti"])])
    assert [(q["speaker"], q["speaker_id"], q["cue"]) for q in quotes] == [("Veronica Heryanti", "e1", "jelas")]


def test_cue_inside_the_reported_sentence(nlp, finder):
    text = "Saat ini, lanjut Syarifah, Pemkot Bogor masih berkoordinasi dengan PT KAI."
    assert summary(run(nlp, finder, text)) == [
        ("indirect", "Pemkot Bogor masih berkoordinasi dengan PT KAI", "Syarifah", "lanjut")
    ]


def test_title_alone_names_the_person_with_that_role(nlp, finder):
    tegar = Entity("e1", "PERSON", "Tegar Djati Kusuma", role="Jaksa Penuntut Umum (JPU)")
    text = (
        "Dakwaan dibacakan Jaksa Penuntut Umum (JPU) Tegar Djati Kusuma di pengadilan.\n\n"
        "“Saksi menyetujui proyek itu,” kata Jaksa.\n\n"
        "“Perbuatan terdakwa melanggar aturan pengadaan,” tegas JPU."
    )
    quotes = run(nlp, finder, text, [(tegar, ["Tegar Djati Kusuma"])])
    assert [(q["speaker"], q["speaker_id"]) for q in quotes] == [("Tegar Djati Kusuma", "e1")] * 2


def test_short_name_takes_its_full_form_from_the_text(nlp, finder):
    text = (
        "Alat itu dikembangkan tim yang diketuai Dr. Bimastyaji Surya Ramadan.\n\n"
        "“Harganya tidak sampai Rp 20 juta,” kata Bima."
    )
    assert [q["speaker"] for q in run(nlp, finder, text)] == ["Bimastyaji Surya Ramadan"]


def test_object_of_the_cue_belongs_to_the_reported_clause(nlp, finder):
    text = "Hery berpesan kepada seluruh warga agar menjaga kebersamaan di segala kegiatan."
    assert summary(run(nlp, finder, text)) == [
        ("indirect", "kepada seluruh warga agar menjaga kebersamaan di segala kegiatan", "Hery", "berpesan")
    ]


def test_reported_clause_continues_over_yakni(nlp, finder):
    text = (
        "Mustohar hadir di sana. Menurutnya, sembilan kawasan industri sudah kembali beroperasi. "
        "Yakni Kawasan Industri Terboyo dan Kawasan Industri Candi."
    )
    assert [q["text"] for q in run(nlp, finder, text)] == [
        "sembilan kawasan industri sudah kembali beroperasi. Yakni Kawasan Industri Terboyo dan Kawasan Industri Candi"
    ]


def test_hal_itu_disampaikan_reports_the_previous_sentence(nlp, finder):
    text = (
        "Pelantikan anggota DPRD Kota Bogor batal dilaksanakan pada Selasa.\n\n"
        "Hal itu disampaikan Wakil Ketua Komisi I DPRD Kota Bogor Endah Purwanti, usai rapat kerja."
    )
    assert summary(run(nlp, finder, text)) == [
        ("indirect", "Pelantikan anggota DPRD Kota Bogor batal dilaksanakan pada Selasa", "Endah Purwanti", "disampaikan")
    ]


def test_first_person_subject_is_not_a_new_speaker(nlp, finder):
    text = "Kami berharap pemerintah segera memperbaiki jalan di desa kami."
    assert run(nlp, finder, text) == []


def test_speaker_name_leaves_out_the_ministry(nlp, finder):
    text = "Menteri Sosial Juliari Batubara menyatakan bantuan sosial akan segera disalurkan."
    assert [q["speaker"] for q in run(nlp, finder, text)] == ["Juliari Batubara"]


def test_cue_and_speaker_before_the_quote(nlp, finder):
    text = "Kata Budi, “Sekolah tetap dibuka pekan depan.”\n\nMenurut Siti, “Guru sudah siap mengajar.”"
    assert summary(run(nlp, finder, text)) == [
        ("direct", "Sekolah tetap dibuka pekan depan.", "Budi", "Kata"),
        ("direct", "Guru sudah siap mengajar.", "Siti", "Menurut"),
    ]


def test_clitic_cue_goes_to_the_subject_of_a_reporting_verb(nlp, finder):
    fajar = Entity("e1", "PERSON", "Fajar Purwoto")
    siti = Entity("e2", "PERSON", "Siti")
    text = ("Kepala Dinas Perdagangan Kota Semarang, Fajar Purwoto, menjelaskan bahwa sebanyak 20 persen "
            "kios masih kosong.\n\n"
            "Pedagang bernama Siti (45) mengaku senang. “Alhamdulillah, sekarang lebih bersih,” ujarnya.")
    quotes = run(nlp, finder, text, [(fajar, ["Fajar Purwoto"]), (siti, ["Siti"])])
    assert [(q["type"], q["speaker"]) for q in quotes] == [("indirect", "Fajar Purwoto"), ("direct", "Siti")]


def test_weekday_before_the_cue_is_not_a_name(nlp, finder):
    # Without entities the fallback stops at the weekday: no speaker rather than "Senin".
    text = "Juru bicara gugus tugas, Meikhyal Pontoh, Senin, mengatakan, anggota DPRD tidak perlu dites."
    [quote] = run(nlp, finder, text)
    assert (quote["type"], quote["speaker"]) == ("indirect", None)
    pontoh = Entity("e1", "PERSON", "Meikhyal Pontoh")
    [quote] = run(nlp, finder, text, [(pontoh, ["Meikhyal Pontoh"])])
    assert quote["speaker"] == "Meikhyal Pontoh"
