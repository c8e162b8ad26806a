"""Tests of pipeline.numbers: real number expressions from the dev articles, the seed and the
UD / NER training texts, each with its exact value."""

import pytest

from pipeline.numbers import find_quantities, parse_digits, parse_number, parse_quantity, parse_words

# (expression, value): digits in Indonesian style, with scale words and in words.
VALUES = [
    ("3.178", 3178),
    ("1.700.000", 1700000),
    ("4,5", 4.5),
    ("730.297", 730297),
    ("470.676", 470676),
    ("40.129", 40129),
    ("1.260.420.864", 1260420864),
    ("2.618.080", 2618080),
    ("62.693.500", 62693500),
    ("122.526.500", 122526500),
    ("885.473.464", 885473464),
    ("808.475", 808475),
    ("31.260", 31260),
    ("10.630", 10630),
    ("7.072", 7072),
    ("1.427", 1427),
    ("2.615", 2615),
    ("2.300", 2300),
    ("326.462", 326462),
    ("1.096", 1096),
    ("15.809", 15809),
    ("2.548", 2548),
    ("8.000", 8000),
    ("10.815,82", 10815.82),
    ("0,85863", 0.85863),
    ("2,5", 2.5),
    ("14,455", 14.455),
    ("84,42", 84.42),
    ("2645.08", 2645.08),
    ("117.50", 117.5),
    ("570000", 570000),
    ("73,3 juta", 73300000),
    ("1,1 juta", 1100000),
    ("7,1 juta", 7100000),
    ("6 juta", 6000000),
    ("30 juta", 30000000),
    ("2 ribu", 2000),
    ("1,3 juta", 1300000),
    ("4,5 miliar", 4500000000),
    ("67,608 miliar", 67608000000),
    ("188,7 triliun", 188700000000000),
    ("satu juta", 1000000),
    ("dua juta", 2000000),
    ("lima juta", 5000000),
    ("sejuta", 1000000),
    ("seribu", 1000),
    ("dua ribu", 2000),
    ("dua", 2),
    ("tiga", 3),
    ("empat", 4),
    ("Delapan", 8),
    ("sembilan", 9),
    ("sepuluh", 10),
    ("sebelas", 11),
    ("dua belas", 12),
    ("dua puluh", 20),
    ("dua puluh lima", 25),
    ("seratus", 100),
    ("sembilan ratus", 900),
    ("setengah", 0.5),
    ("seratus dua puluh", 120),
    ("dua ribu lima ratus", 2500),
]


@pytest.mark.parametrize("text, value", VALUES)
def test_parse_number(text, value):
    assert parse_number(text).value == value


# (expression, value, value_max, currency, percent, qualifier)
QUANTITIES = [
    ("Rp 4,5 M", 4500000000, None, "IDR", False, None),
    ("Rp 4,5 miliar", 4500000000, None, "IDR", False, None),
    ("Rp 218 M", 218000000000, None, "IDR", False, None),
    ("Rp 161 Miliar", 161000000000, None, "IDR", False, None),
    ("Rp 66,13 T", 66130000000000, None, "IDR", False, None),
    ("Rp 66,13 triliun", 66130000000000, None, "IDR", False, None),
    ("Rp 20,55 triliun", 20550000000000, None, "IDR", False, None),
    ("Rp 1,27 triliun", 1270000000000, None, "IDR", False, None),
    ("Rp 10 ribu", 10000, None, "IDR", False, None),
    ("Rp 500 juta", 500000000, None, "IDR", False, None),
    ("Rp 1,66 miliar", 1660000000, None, "IDR", False, None),
    ("Rp188,7 triliun", 188700000000000, None, "IDR", False, None),
    ("Rp843 triliun", 843000000000000, None, "IDR", False, None),
    ("Rp34,29 triliun", 34290000000000, None, "IDR", False, None),
    ("Rp2,63 triliun", 2630000000000, None, "IDR", False, None),
    ("Rp100 juta", 100000000, None, "IDR", False, None),
    ("Rp9.420", 9420, None, "IDR", False, None),
    ("Rp7,15 miliar", 7150000000, None, "IDR", False, None),
    ("Rp1.400 triliun", 1400000000000000, None, "IDR", False, None),
    ("Rp638,29 miliar", 638290000000, None, "IDR", False, None),
    ("Rp92,554 miliar", 92554000000, None, "IDR", False, None),
    ("Rp 28 miliar", 28000000000, None, "IDR", False, None),
    ("Rp.58,546 triliun", 58546000000000, None, "IDR", False, None),
    ("Rp40-50 juta", 40000000, 50000000, "IDR", False, None),
    ("Rp 10-11 ribu", 10000, 11000, "IDR", False, None),
    ("sekitar Rp8,4 triliun", 8400000000000, None, "IDR", False, "sekitar"),
    ("sekitar Rp 2 triliun", 2000000000000, None, "IDR", False, "sekitar"),
    ("446,7 juta dolar AS", 446700000, None, "USD", False, None),
    ("sekitar 1,1 miliar dolar AS", 1100000000, None, "USD", False, "sekitar"),
    ("95 dolar AS", 95, None, "USD", False, None),
    ("62 dolar", 62, None, "USD", False, None),
    ("0,71 dolar AS", 0.71, None, "USD", False, None),
    ("US$6,4 miliar", 6400000000, None, "USD", False, None),
    ("US$60.000", 60000, None, "USD", False, None),
    ("$423 juta", 423000000, None, "USD", False, None),
    ("$2.50", 2.5, None, "USD", False, None),
    ("146,8%", 146.8, None, None, True, None),
    ("14,455%", 14.455, None, None, True, None),
    ("33%", 33, None, None, True, None),
    ("34,3%", 34.3, None, None, True, None),
    ("2,08%", 2.08, None, None, True, None),
    ("1.6%", 1.6, None, None, True, None),
    ("hanya 0,1 %", 0.1, None, None, True, "hanya"),
    ("84,42 persen", 84.42, None, None, True, None),
    ("99,9975 persen", 99.9975, None, None, True, None),
    ("0,01 persen", 0.01, None, None, True, None),
    ("162 persen", 162, None, None, True, None),
    ("dua puluh persen", 20, None, None, True, None),
    ("20-30 persen", 20, 30, None, True, None),
    ("60-70 persen", 60, 70, None, True, None),
    ("7,5-8 persen", 7.5, 8, None, True, None),
    ("21-22 persen", 21, 22, None, True, None),
    ("20 - 30 %", 20, 30, None, True, None),
    ("1.700-4.100", 1700, 4100, None, False, None),
    ("lebih dari 13%", 13, None, None, True, "lebih dari"),
    ("Sekitar 83 persen", 83, None, None, True, "sekitar"),
    ("hampir 40 persen", 40, None, None, True, "hampir"),
    ("mendekati 23 persen", 23, None, None, True, "hampir"),
    ("lebih dari 500", 500, None, None, False, "lebih dari"),
    ("lebih dari 470", 470, None, None, False, "lebih dari"),
    ("sekitar 2.000", 2000, None, None, False, "sekitar"),
    ("sekitar 10 ribu", 10000, None, None, False, "sekitar"),
    ("hampir 1.000", 1000, None, None, False, "hampir"),
    ("kurang lebih 8.000", 8000, None, None, False, "sekitar"),
    ("kurang dari 100", 100, None, None, False, "kurang dari"),
    ("setidaknya enam", 6, None, None, False, "paling sedikit"),
    ("Setidaknya 17", 17, None, None, False, "paling sedikit"),
    ("lebih dari lima juta", 5000000, None, None, False, "lebih dari"),
    ("120-an", 120, None, None, False, "sekitar"),
]


@pytest.mark.parametrize("text, value, value_max, currency, percent, qualifier", QUANTITIES)
def test_parse_quantity(text, value, value_max, currency, percent, qualifier):
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.value_max, quantity.currency, quantity.percent, quantity.qualifier) == (
        value,
        value_max,
        currency,
        percent,
        qualifier,
    )


@pytest.mark.parametrize(
    "text, value, ambiguous",
    [("35,386", 35.386, True), ("50,695", 50.695, True), ("4,5", 4.5, False), ("1,234,567", 1234567, False)],
)
def test_english_looking_digits_take_the_indonesian_reading(text, value, ambiguous):
    assert parse_digits(text).value == value
    assert parse_digits(text).ambiguous is ambiguous


def test_a_scale_settles_the_reading():
    assert parse_quantity("Rp 175,443 triliun").ambiguous is False
    assert parse_quantity("35,386 kg") is None  # the unit is not part of the number
    assert find_quantities("sebanyak 35,386 kg")[0].ambiguous is True


@pytest.mark.parametrize("text", ["dua tiga", "belas", "ribu", "puluh lima"])
def test_malformed_words_are_no_number(text):
    assert parse_words(text) is None


@pytest.mark.parametrize("text", ["Covid-19", "ke-79", "28/9/2020", "5G", "CO2", "satu-satunya", "3.178x"])
def test_numbers_glued_to_names_and_codes_are_not_found(text):
    assert find_quantities(text) == []


def test_m_is_a_scale_only_after_a_currency():
    assert [q.text for q in find_quantities("Bendera 100 M di Tugu")] == ["100"]


def test_offsets_exclude_the_qualifier():
    text = "kontribusinya lebih dari 13% terhadap PDRB"
    (quantity,) = find_quantities(text)
    assert text[quantity.start : quantity.end] == "13%"
    assert text[quantity.qualifier_start : quantity.start] == "lebih dari "
