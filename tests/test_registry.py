"""The registry of names: one lookup, one normalisation of names."""

import re

import pytest

from glassnet.registry import lookup, name_key


def test_name_key_is_the_one_normalisation():
    assert name_key(" Cross_Entropy ") == "cross-entropy"
    assert name_key("perceptron_1d") == name_key("Perceptron-1D") == "perceptron-1d"


class Alpha:
    pass


class BetaGamma:
    pass


REGISTRY = {"alpha": Alpha, "beta-gamma": BetaGamma}


def test_lookup_ignores_case_and_surrounding_spaces():
    assert lookup("ALPHA", REGISTRY, "thing") is Alpha
    assert lookup("  Alpha ", REGISTRY, "thing") is Alpha


def test_lookup_treats_underscore_and_hyphen_alike():
    assert lookup("beta_gamma", REGISTRY, "thing") is BetaGamma
    assert lookup("Beta-Gamma", REGISTRY, "thing") is BetaGamma


def test_lookup_passes_a_registered_object_through():
    assert lookup(BetaGamma, REGISTRY, "thing") is BetaGamma


def test_lookup_unknown_name_lists_the_sorted_choices():
    with pytest.raises(
        ValueError, match=re.escape("Unknown thing 'delta'; choose one of: alpha, beta-gamma.")
    ):
        lookup("delta", REGISTRY, "thing")


def test_lookup_wrong_type_says_name_or_class():
    message = "thing must be one of alpha, beta-gamma (a name or the class), got 3."
    with pytest.raises(TypeError, match=re.escape(message)):
        lookup(3, REGISTRY, "thing")
    with pytest.raises(TypeError, match="thing must be one of"):
        lookup(object, REGISTRY, "thing")
