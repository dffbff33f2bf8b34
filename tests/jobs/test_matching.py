"""How an ad's words find curated items: the rules a learner relies on when the page says what an ad asks for."""

import pytest

from jobs.matching import Matcher, Term
from roadmap.terms import term_words

PYTORCH, JAVA, R, ML, MLE, SKLEARN, CICD, CPP, K8S, SQL = range(1, 11)

TERMS = [
    Term("PyTorch", PYTORCH), Term("torch", PYTORCH), Term("Java", JAVA), Term("R", R, case_sensitive=True),
    Term("machine learning", ML), Term("machine learning engineer", MLE), Term("scikit-learn", SKLEARN),
    Term("CI/CD", CICD), Term("C++", CPP), Term("Kubernetes", K8S), Term("k8s", K8S), Term("SQL", SQL),
]  # fmt: skip


def found(text: str) -> dict[int, str]:
    return {item: hit.words for item, hit in Matcher(TERMS).read(text).found.items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We use Java daily", {JAVA: "Java"}),
        ("Our front end is JavaScript", {}),
        ("Java/Kotlin services", {JAVA: "Java"}),
        ("Skills: R and SQL", {R: "R", SQL: "SQL"}),
        ("a rare r in lower case, and R&D", {}),
        ("PostgreSQL and MySQL", {}),
        ("SQL, PostgreSQL", {SQL: "SQL"}),
        ("Good C++ and c++17", {CPP: "C++"}),
        ("scikit learn or Scikit-Learn", {SKLEARN: "scikit learn"}),
        ("CI / CD pipelines", {CICD: "CI / CD"}),
        ("PYTORCH", {PYTORCH: "PYTORCH"}),
        ("torchvision and torchaudio", {}),
        ("k8s.", {K8S: "k8s"}),
    ],
)
def test_terms_match_whole_words_ignoring_case_and_punctuation(text, expected):
    assert found(text) == expected


def test_the_longest_term_wins_where_terms_overlap():
    assert found("Hiring a Machine Learning Engineer") == {MLE: "Machine Learning Engineer"}
    assert found("machine learning") == {ML: "machine learning"}


def test_a_case_sensitive_term_matches_only_its_own_case():
    assert term_words("R", case_sensitive=True) == "R"
    assert found("experience with R") == {R: "R"}
    assert found("experience with r") == {}


def test_nice_to_have_sections_and_sentences_are_told_apart_from_required():
    reading = Matcher(TERMS).read(
        "Requirements:\n- PyTorch\n- SQL\nNice to have:\n- Kubernetes\n- C++\n\n"
        "What you'll do\nYou will write Java. Knowledge of scikit-learn is a plus."
    )
    required = {item for item, hit in reading.found.items() if hit.required}
    assert required == {PYTORCH, SQL, JAVA}
    assert {item for item, hit in reading.found.items() if not hit.required} == {K8S, CPP, SKLEARN}


def test_a_skill_asked_for_as_required_anywhere_is_required():
    reading = Matcher(TERMS).read("Nice to have: SQL\n\nRequirements:\n- SQL and PyTorch")
    assert reading.found[SQL].required


def test_asking_lines_that_name_nothing_curated_are_listed_as_not_covered():
    reading = Matcher(TERMS).read(
        "About us\nWe are an AI-first company with great benefits.\n\n"
        "Requirements:\n- 3+ years of experience\n- Scala\n- PyTorch\n\nBenefits\n- Free lunch"
    )
    assert reading.not_covered == ["3+ years of experience", "Scala"]


def test_a_match_keeps_the_ads_own_line():
    hit = Matcher(TERMS).read("Requirements:\n- Strong PyTorch skills").found[PYTORCH]
    assert (hit.words, hit.line) == ("PyTorch", "Strong PyTorch skills")  # without its bullet


def test_an_ad_in_another_language_is_told_apart():
    german = (
        "Wir suchen eine engagierte Person mit Erfahrung in der Entwicklung von Modellen und der Datenanalyse "
        "für unser Team in Berlin. Sie arbeiten eng mit den Fachabteilungen zusammen."
    )
    assert not Matcher(TERMS).read(german).looks_english
    assert Matcher(TERMS).read("We are looking for an engineer who will build our data platform.").looks_english


def test_the_first_item_to_claim_a_term_keeps_it():
    matcher = Matcher([Term("LLM", 1), Term("llm", 2)])
    assert set(matcher.read("LLM apps").found) == {1}


def test_what_an_ad_says_about_the_employer_is_not_asked_for():
    reading = Matcher(TERMS).read(
        "About us\nWe build PyTorch tooling for machine learning teams.\n\n"
        "Requirements:\n- SQL\n\nBenefits\n- Java courses"
    )
    assert set(reading.found) == {SQL}


def test_a_phrase_that_names_no_skill_absorbs_the_term_inside_it():
    matcher = Matcher([Term("regression", 1), Term("agents", 2)])
    assert set(matcher.read("Experience with regression testing and support agents").found) == set()
    assert set(matcher.read("Experience with regression and agents").found) == {1, 2}
