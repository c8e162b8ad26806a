"""Indirect quotes and their speakers on sentences written in the style of Indonesian news:
cue verbs of the wider vocabulary, subject shapes, inner cues, and objects that report nothing."""

import pytest

from pipeline.extraction import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def quotes(nlp, text):
    return [(q["type"], q["text"], q["speaker"], q["cue"]) for q in nlp(text)._.quotes]


@pytest.mark.parametrize("verb", ["mencatat", "memastikan", "mengajak", "memperingatkan", "menepis", "bilang"])
def test_reporting_verbs_of_the_wider_vocabulary(nlp, verb):
    text = f"Kepala dinas, Hasudungan Sidabalko, {verb} warga tidak perlu khawatir soal harga beras."
    assert quotes(nlp, text) == [("indirect", "warga tidak perlu khawatir soal harga beras", "Hasudungan Sidabalko", verb)]


def test_a_bracketed_acronym_after_an_organisation_subject(nlp):
    text = "Kementerian Perdagangan (Kemendag) mencatat nilai ekspor naik tajam pada Mei."
    assert quotes(nlp, text) == [("indirect", "nilai ekspor naik tajam pada Mei", "Kementerian Perdagangan", "mencatat")]


def test_a_described_subject_points_back_to_the_person(nlp):
    text = (
        "Direktur Utama PT Angkasa Jaya, Dony Oskaria, hadir dalam acara itu. “Kami siap,” kata Dony. "
        "Mantan direktur bank itu juga meminta para direksi tidak bermain golf di hari kerja."
    )
    assert quotes(nlp, text)[-1] == (
        "indirect", "para direksi tidak bermain golf di hari kerja", "Dony Oskaria", "meminta")


def test_a_named_person_inside_a_described_subject(nlp):
    text = "Pengendara bernama Slamet Riyadi yang hendak menuju Kendal itu mengaku sangat kesulitan dengan banjir."
    assert quotes(nlp, text) == [("indirect", "sangat kesulitan dengan banjir", "Slamet Riyadi", "mengaku")]


def test_a_group_subject_has_no_speaker(nlp):
    text = "Beberapa pedagang mengaku sudah lama menempati lokasi itu tanpa penertiban."
    assert quotes(nlp, text) == [("indirect", "sudah lama menempati lokasi itu tanpa penertiban", None, "mengaku")]


def test_kata_opening_a_sentence(nlp):
    text = "Warga Pulogadung, Achmad Fauzy, melapor ke polisi. Kata Achmad, pelaku mengancam akan memukulnya."
    assert quotes(nlp, text)[-1] == ("indirect", "pelaku mengancam akan memukulnya", "Achmad Fauzy", "Kata")


def test_an_inner_cue_starts_a_new_quote(nlp):
    text = (
        "Laksamana Tunggul menyampaikan, TNI AL memberlakukan hak lintas damai kepada kapal itu, "
        "asalkan, kata dia, kapal itu tidak mengancam."
    )
    found = quotes(nlp, text)
    assert [q[1] for q in found] == ["TNI AL memberlakukan hak lintas damai kepada kapal itu, asalkan", "kapal itu tidak mengancam"]
    assert {q[2] for q in found} == {"Tunggul"}


@pytest.mark.parametrize(
    "text",
    [
        "Kaspianoor mengungkapkan rasa syukurnya atas capaian laboratorium tersebut.",
        "Ronald Sinaga menyampaikan terima kasih kepada para pendukungnya di daerah.",
        "Labkesda Kota Samarinda juga mencatat sejarah dengan menjadi laboratorium terbaik nasional.",
        "Tim bulu tangkis itu mencatat rekor baru di turnamen tersebut.",
        "Rudal itu disiapkan di pangkalan, New York Times melaporkan, mengutip pejabat intelijen AS.",
    ],
)
def test_an_object_that_reports_nothing_is_no_quote(nlp, text):
    assert quotes(nlp, text) == []


def test_a_feeling_with_a_content_clause_is_a_quote(nlp):
    text = "Kaspianoor menyampaikan rasa syukur bahwa laboratorium itu masuk tiga besar nasional."
    assert quotes(nlp, text)[0][1].startswith("rasa syukur bahwa")


def test_the_next_sentence_without_a_voice_of_its_own_continues_the_quote(nlp):
    text = (
        "Rina Wulandari mengatakan festival akan dimulai pukul 16.00 WIB. "
        "Acara itu menampilkan tari tradisional dan pawai perahu hias.\n\n"
        "Ribuan pengunjung datang ke lokasi."
    )
    assert quotes(nlp, text) == [(
        "indirect",
        "festival akan dimulai pukul 16.00 WIB. Acara itu menampilkan tari tradisional dan pawai perahu hias",
        "Rina Wulandari", "mengatakan",
    )]


def test_only_one_following_sentence_is_taken(nlp):
    text = (
        "Rina Wulandari mengatakan festival akan dimulai pukul 16.00 WIB. "
        "Acara itu menampilkan tari tradisional. Panitia menyiapkan 200 kursi bagi tamu undangan."
    )
    assert quotes(nlp, text)[0][1] == "festival akan dimulai pukul 16.00 WIB. Acara itu menampilkan tari tradisional"


@pytest.mark.parametrize(
    "following",
    [
        "Ia juga meninjau panggung utama di lapangan kota.",  # a pronoun subject: the narrator again
        "Rina kemudian meninjau panggung utama di lapangan kota.",  # the person as subject
        "Panitia, kata dia, sudah menyiapkan 200 kursi.",  # a cue of its own: a new quote
        "“Kami siap menyambut wisatawan,” ujarnya.",  # a direct quote
    ],
)
def test_a_sentence_with_its_own_voice_does_not_continue_the_quote(nlp, following):
    text = f"Rina Wulandari mengatakan festival akan dimulai pukul 16.00 WIB. {following}"
    assert quotes(nlp, text)[0][1] == "festival akan dimulai pukul 16.00 WIB"


def test_olehnya_after_a_passive_cue_points_back_to_the_speaker(nlp):
    text = (
        "Menteri Sosial Saifullah Yusuf mengatakan bantuan logistik sudah dikirim ke lokasi pengungsian.\n"
        "Bantuan itu diharapkan meringankan beban para pengungsi. Hal itu diungkapkan olehnya di Jakarta."
    )
    assert quotes(nlp, text)[-1] == (
        "indirect", "Bantuan itu diharapkan meringankan beban para pengungsi", "Saifullah Yusuf", "diungkapkan")


def test_keluh_is_a_cue_after_a_quote(nlp):
    found = quotes(nlp, "“Trotoarnya penuh sama dagangan, kami terpaksa turun ke jalan,” keluh Rina (31), warga Senen.")
    assert found == [("direct", "Trotoarnya penuh sama dagangan, kami terpaksa turun ke jalan,", "Rina", "keluh")]
