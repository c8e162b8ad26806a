"""One canonical person per human: nicknames, spelling variants, role-only mentions, pronouns,
and capitalised words that are no persons (sentences written in the style of Indonesian news)."""

import pytest

from pipeline.extraction import build_pipeline
from pipeline.names import edit_distance, holds_title, is_variant_of


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def persons(doc):
    return {e["name"]: e for e in doc._.entities if e["type"] == "PERSON"}


def speakers(doc):
    return [q["speaker"] for q in doc._.quotes]


def test_a_nickname_is_the_same_person(nlp):
    doc = nlp(
        "Salah satu kader partai, Ronald Sinaga atau yang akrab disapa Bro Ron, resmi mendaftar. "
        "“Saya siap maju,” kata Bro Ron di Jakarta."
    )
    assert "Bro Ron" not in persons(doc)
    assert speakers(doc) == ["Ronald Sinaga"]


def test_a_bracketed_nickname_is_the_same_person(nlp):
    doc = nlp("Menteri Sosial Saifullah Yusuf (Gus Ipul) meninjau lokasi. “Bantuan sudah tiba,” ujar Gus Ipul.")
    assert speakers(doc) == ["Saifullah Yusuf"]


@pytest.mark.parametrize(
    "text, not_a_person, speaker",
    [
        # a spelling variant is the same person
        ("Korban, Achmad Fauzy, melapor ke polisi pada Senin. "
         "“Saya dipukul dari belakang,” kata Ahmad kepada wartawan.", "Ahmad", "Achmad Fauzy"),
        # a role-only mention is the role holder
        ("Menteri Perdagangan Budi Santoso menolak usulan itu pada Selasa. "
         "“Keputusan ini diambil demi industri dalam negeri,” kata Mendag.", "Mendag", "Budi Santoso"),
        # "Dirinya" is a pronoun
        ("Kepala Laboratorium Kesehatan Kaspianoor bersyukur atas capaian itu. "
         "Dirinya menyebut, capaian ini di luar ekspektasi tim.", "Dirinya", "Kaspianoor"),
    ],
)
def test_another_mention_of_the_speaker_is_no_person_of_its_own(nlp, text, not_a_person, speaker):
    doc = nlp(text)
    assert not_a_person not in persons(doc)
    assert speakers(doc) == [speaker]


def test_a_capitalised_opener_inside_a_quote_is_no_person(nlp):
    doc = nlp("“Yang mendorong saya maju ini justru para kader,” kata Ronald Sinaga.")
    assert set(persons(doc)) == {"Ronald Sinaga"}


@pytest.mark.parametrize(
    "a, b, variant",
    [("Ahmad", "Achmad", True), ("Henry", "Henri", True), ("Budi", "Bude", False),  # too short
     ("Hasan", "Wasan", False), ("Nasori", "Nasori", False)],
)
def test_spelling_variants(a, b, variant):
    assert is_variant_of(a, b) is variant


def test_edit_distance_stops_at_its_limit():
    assert edit_distance("achmad", "ahmad", limit=1) == 1
    assert edit_distance("kaspianoor", "kasdi", limit=1) == 2


def test_titles_and_short_titles():
    assert holds_title("Jaksa Penuntut Umum (JPU)", "JPU")
    assert holds_title("Menteri Perdagangan", "Mendag")
    assert not holds_title("Menteri Sosial", "Mendag")


def test_a_pronoun_quote_points_to_the_mention_that_introduced_the_speaker(nlp):
    text = (
        "Ketua KPU Sidoarjo Muhammad Iskak mengatakan tahapan berjalan lancar. Iskak juga menilai warga antusias.\n\n"
        "“Kami siap melayani,” katanya.\n\n"
        "“Semua petugas sudah dilatih,” ujar dia."
    )
    doc = nlp(text)
    clitic, pronoun = doc._.quotes[-2:]
    assert clitic["speaker"] == pronoun["speaker"] == "Muhammad Iskak"
    speaker_spans = {span.id_: span.text for span in doc.spans["quote_speakers"]}
    assert speaker_spans[clitic["id"]] == "Muhammad Iskak"
    assert speaker_spans[pronoun["id"]] == "dia"


def test_newsroom_credits_are_no_persons(nlp):
    doc = nlp(
        "Direktur Utama Dony Oskaria meninjau proyek itu pada Senin.\n\n"
        "(Penulis: Arif Ferdianto, Yohana Uly | Editor: Tri Sulistiowati)"
    )
    assert set(persons(doc)) == {"Dony Oskaria"}


def test_a_street_named_after_a_general_is_no_person(nlp):
    doc = nlp("Upacara digelar di Pusdikzi Jalan Jenderal Sudirman Kota Bogor pada Sabtu.")
    assert "Sudirman" not in persons(doc)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Kehangatan juga dirasakan Nita, mahasiswa asal Siborongborong, yang kuliah di sana.", "Siborongborong"),
        ("Pemerintah menargetkan percepatan program Asta Cita pada tahun ini.", "Asta Cita"),
    ],
)
def test_a_name_after_a_place_or_programme_word_is_no_person(nlp, text, name):
    assert name not in persons(nlp(text))


def test_the_agent_of_a_passive_verb_is_the_salient_speaker(nlp):
    doc = nlp(
        "Wali Kota Bogor Hery Antasari membuka acara itu.\n\n"
        "Kehangatan juga dirasakan Nita, mahasiswa asal Medan, yang datang bersama temannya.\n\n"
        "“Senang sekali bisa bertemu langsung,” ungkapnya."
    )
    assert doc._.quotes[-1]["speaker"] == "Nita"


@pytest.mark.parametrize(
    "text, person, role",
    [
        ("Polisi menangkap seorang pemuda berinisial AR di rumahnya. AR mengaku mencuri sepeda motor.", "AR", None),
        ("Salah satu tersangka berinisial SP ternyata pemilik kebun sawit di kawasan itu.", "SP", "tersangka"),
        # an acronym of a body after "berinisial" is the person all the same
        ("Korban, bocah berinisial MK (7), masih dirawat di rumah sakit.", "MK", None),
    ],
)
def test_a_person_named_by_initials(nlp, text, person, role):
    found = persons(nlp(text))
    assert person in found
    assert found[person]["role"] == role


def test_initials_without_the_cue_are_no_person(nlp):
    assert "MK" not in persons(nlp("Putusan MK itu dibacakan di Jakarta pada Senin."))


@pytest.mark.parametrize(
    "text, glued, person",
    [
        ("Direktur UtamaASDPHeru Santoso menegaskan kapal itu siap berlayar.", "UtamaASDPHeru Santoso", "Heru Santoso"),
        ("Kedatangan Presiden RIJoko Widodo disambut warga.", "RIJoko Widodo", "Joko Widodo"),
    ],
)
def test_a_name_glued_to_the_word_before_it(nlp, text, glued, person):
    found = persons(nlp(text))
    assert glued not in found
    assert person in found


def test_inner_capitals_of_real_names_are_kept(nlp):
    found = persons(nlp("Aktor Leonardo DiCaprio dan Senator John McCain pernah bertemu di sana."))
    assert {"Leonardo DiCaprio", "John McCain"} <= set(found)


def test_a_newspaper_that_reports_is_no_person(nlp):
    doc = nlp("Teheran menyiapkan rudal di wilayah itu, New York Times melaporkan, mengutip pejabat intelijen.")
    assert not any("Times" in name for name in persons(doc))


def test_a_word_after_saya_jawab_is_what_was_said(nlp):
    doc = nlp("“Ditanya dari mana, saya jawab Tarutung, dijawabnya dengan bahasa Batak,” ujar Nita.")
    assert "Tarutung" not in persons(doc)


def test_a_rank_in_capitals_ends_a_body_and_opens_the_person(nlp):
    doc = nlp("“Lukanya cukup parah,” kata Kabag Humas RS Polri Kramat Jati AKBP Sutrisno saat dihubungi.")
    assert "Sutrisno" in persons(doc)
    assert speakers(doc) == ["Sutrisno"]


def test_a_bare_surname_joins_the_full_name_that_joined_an_earlier_short_form(nlp):
    doc = nlp(
        "Pasar menunggu keputusan Fed pekan ini. Menurut Fed, inflasi masih tinggi. "
        "Ketua Fed Jerome Powell menahan suku bunga. Powell telah mengisyaratkan dua kali pemotongan."
    )
    assert not any(name == "Powell" for name in persons(doc))


def test_the_body_of_a_described_role_is_no_person(nlp):
    doc = nlp("Dony Oskaria hadir di Jakarta. Mantan Dirut InJourney itu juga meminta direksi tidak bermain golf.")
    assert "InJourney" not in persons(doc)
    assert speakers(doc) == ["Dony Oskaria"]


def test_the_last_words_of_a_place_are_no_person(nlp):
    doc = nlp(
        "Rudal menghantam Rumah Sakit Soroka di Beersheba pada Kamis pagi. "
        "Menurut laporan, Soroka merawat puluhan korban luka."
    )
    assert "Soroka" not in persons(doc)


@pytest.mark.parametrize(
    "text, thing",
    [
        ("Selain pameran, panitia menggelar Workshop Fotografi bagi pelajar pada akhir pekan.", "Workshop Fotografi"),
        ("Pendapatan daerah naik dari Pajak Hotel dan Pajak Resto tahun ini.", "Pajak Resto"),
    ],
)
def test_events_and_levies_are_no_persons(nlp, text, thing):
    assert thing not in persons(nlp(text))


@pytest.mark.parametrize(
    "text, person",
    [
        ("Menteri Sosial Saifullah Yusuf meninjau posko pengungsian di Flores Timur.", "Saifullah Yusuf"),
        # a two-word name keeps its common first word: "Bintang" is a name here
        ("Menteri Bintang Puspayoga meninjau posko pengungsian di Flores Timur.", "Bintang Puspayoga"),
    ],
)
def test_a_common_word_after_a_title_belongs_to_the_title(nlp, text, person):
    assert person in persons(nlp(text))


def test_a_person_introduced_by_name_is_the_one_a_clitic_stands_for(nlp):
    doc = nlp(
        "“Saya lebih nyaman bekerja di kantor,” kata Nur Aini.\n"
        "Berbeda dengan Nur, pegawai lainnya bernama Liza Marlina justru mendukung kerja dari mana saja.\n"
        "“Sistem ini membawa banyak nilai tambah,” tuturnya."
    )
    assert speakers(doc) == ["Nur Aini", "Liza Marlina"]


def test_a_named_object_is_not_the_one_a_clitic_stands_for(nlp):
    doc = nlp(
        "“Pelaku sudah kami amankan,” kata AKP Budi Hartono.\n"
        "Polisi menangkap seorang pria bernama Joko Susilo di rumahnya.\n"
        "“Barang bukti masih kami periksa,” ujarnya."
    )
    assert speakers(doc) == ["Budi Hartono", "Budi Hartono"]
