from helpers import assumptions
from helpers.assumptions import Assumption


def test_committed_register_is_what_the_code_declares():
    assert assumptions.REGISTER.read_text(encoding="utf-8") == assumptions.markdown(), (
        "AANNAMES.md is verouderd: draai `python -m helpers.assumptions`"
    )


def test_every_declared_assumption_is_complete():
    for module, declared in assumptions.collected().items():
        for assumption in declared:
            assert isinstance(assumption, Assumption), module
            assert assumption.onderwerp and assumption.aanname and assumption.waarom, module


def test_register_lists_module_assumptions_and_dataset_caveats():
    text = assumptions.markdown()
    assert "## `helpers.data.statline`" in text
    assert "decimale scheidingstekens zijn in deze kopie verloren gegaan" in text.casefold()
