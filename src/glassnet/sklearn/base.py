"""What glassnet's two scikit-learn estimators share: the parameters, declared once as data, and
the network they build and train. Lesson: 07 training. (scikit-learn is imported here: the
package ``glassnet.sklearn`` checks first that it is installed.)"""

from __future__ import annotations

import copy
import warnings
from numbers import Integral, Real
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, Interval, InvalidParameterError, StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from glassnet._validation import check_float_dtype
from glassnet.activations import Activation
from glassnet.network import NeuralNetwork
from glassnet.optimizers import OPTIMIZERS, Optimizer
from glassnet.tasks import output_layer
from glassnet.training import EarlyStopping

#: MLPClassifier's name for the sigmoid, accepted beside glassnet's own names.
_ACTIVATION_ALIASES = {"logistic": "sigmoid"}
#: The parameters that shape the network: a warm start cannot change them (it keeps the network).
_NETWORK_SHAPE = ("hidden_layer_sizes", "activation", "loss", "dtype")


class GlassnetEstimator(BaseEstimator):
    """What the classifier and the regressor share: parameters, the network, the training call.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, or one int, default ``(100,)``
        The sizes of the hidden layers; ``()`` for none (a linear or logistic model).
    activation : ``"relu"`` (default), ``"logistic"`` or ``"sigmoid"``, ``"tanh"``, ``"identity"``,
        or an activation class (anything with ``fn`` and ``prime``): the hidden layers' φ.
    optimizer : ``"adam"`` (default), ``"sgd"`` (plain), ``"momentum"``, or a glassnet
        ``Optimizer`` instance (copied at each fit; its own settings then apply, and
        ``learning_rate_init``, ``alpha``, ``momentum``... are not used).
    alpha : float, default 1e-4
        L2 penalty, as in MLPClassifier: α·W / batch_size is added to each weight gradient
        (glassnet's ``weight_decay``). Biases are not penalised.
    batch_size : int or ``"auto"`` (``min(200, n_samples)``), clipped to the number of samples.
    learning_rate_init : float, default 1e-3
        η, the optimizer's learning rate.
    max_iter : int, default 200
        The most epochs (passes over the data) one ``fit`` runs.
    tol, n_iter_no_change : float 1e-4, int 10
        Training stops when the loss (the validation loss with ``early_stopping``) has not
        improved by more than ``tol`` for ``n_iter_no_change`` epochs in a row.
    early_stopping : bool, default False
        Hold out ``validation_fraction`` of the training data and stop on its loss, keeping
        the weights of the best epoch.
    validation_fraction : float, default 0.1
    momentum, nesterovs_momentum : float 0.9, bool True
        For ``optimizer="momentum"``.
    beta_1, beta_2, epsilon : float 0.9, 0.999, 1e-8
        For ``optimizer="adam"``.
    loss : a glassnet loss (name or class), default: chosen by the task (see the module).
    init : glassnet's initialiser name (``"glorot"``, ``"he"``, ``"uniform"``, ...); default:
        the one that suits each layer's activation.
    dtype : ``"float64"`` (default) or ``"float32"``, used end to end.
    random_state : int, ``RandomState`` or None: seeds the weights, the shuffling and the
        validation split.
    warm_start : bool, default False
        Whether ``fit`` continues from the last fitted network instead of starting anew.
    verbose : bool, default False
        One line per epoch.

    Attributes
    ----------
    network_ : the fitted ``NeuralNetwork``.
    history_ : its ``History`` (loss, val_loss... per epoch), across ``partial_fit`` calls.
    loss_curve_ : list of float, the training loss of each epoch (``history_.loss``).
    n_iter_ : the number of epochs run; ``n_features_in_`` (and ``feature_names_in_`` for a
        DataFrame with string column names).
    """

    # Every parameter's accepted values, as data, checked by scikit-learn's own ``_validate_params``
    # (an InvalidParameterError, a ValueError and a TypeError, naming the parameter) at the start of
    # each fit. Names of activations, losses and initialisers are then looked up in glassnet's
    # registries, which name the choices; the dtype goes through glassnet's one dtype check.
    _parameter_constraints: dict = {  # noqa: RUF012 (scikit-learn's own name and form)
        "hidden_layer_sizes": ["array-like", Interval(Integral, 1, None, closed="left")],
        "activation": [str, HasMethods(["fn", "prime"])],
        "optimizer": [StrOptions(set(OPTIMIZERS)), Optimizer],
        "alpha": [Interval(Real, 0, None, closed="left")],
        "batch_size": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
        "learning_rate_init": [Interval(Real, 0, None, closed="neither")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left")],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left")],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(Real, 0, 1, closed="neither")],
        "momentum": [Interval(Real, 0, 1, closed="left")],
        "nesterovs_momentum": ["boolean"],
        "beta_1": [Interval(Real, 0, 1, closed="left")],
        "beta_2": [Interval(Real, 0, 1, closed="left")],
        "epsilon": [Interval(Real, 0, None, closed="neither")],
        "loss": [None, str, HasMethods(["fn", "derivative"])],
        "init": [None, str],
        "dtype": [str, type, np.dtype],
        "random_state": ["random_state"],
        "warm_start": ["boolean"],
        "verbose": ["verbose"],
    }

    def __init__(
        self,
        hidden_layer_sizes: int | tuple[int, ...] = (100,),
        activation: str | type[Activation] = "relu",
        *,
        optimizer: str | Optimizer = "adam",
        alpha: float = 1e-4,
        batch_size: int | str = "auto",
        learning_rate_init: float = 1e-3,
        max_iter: int = 200,
        tol: float = 1e-4,
        n_iter_no_change: int = 10,
        early_stopping: bool = False,
        validation_fraction: float = 0.1,
        momentum: float = 0.9,
        nesterovs_momentum: bool = True,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-8,
        loss: str | type | None = None,
        init: str | None = None,
        dtype: str = "float64",
        random_state: int | np.random.RandomState | None = None,
        warm_start: bool = False,
        verbose: bool = False,
    ) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.optimizer = optimizer
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate_init = learning_rate_init
        self.max_iter = max_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.loss = loss
        self.init = init
        self.dtype = dtype
        self.random_state = random_state
        self.warm_start = warm_start
        self.verbose = verbose

    # ------------------------------------------------------------------ what a subclass says
    _task = ""

    def _n_classes(self) -> int:
        """The number of classes (a classifier's), 0 for a regressor."""
        return 0

    # ------------------------------------------------------------------ the parameters, checked in one place
    def _check_parameters(self) -> dict[str, Any]:
        """Every parameter checked (``_parameter_constraints``, then what constraints cannot say);
        returns the ones that shape the network, as the network takes them."""
        self._validate_params()
        sizes = self.hidden_layer_sizes
        sizes = [sizes] if isinstance(sizes, Integral) else list(np.ravel(sizes))
        if any(isinstance(n, bool | np.bool_) or not isinstance(n, Integral) or n < 1 for n in sizes):
            raise InvalidParameterError(
                f"The 'hidden_layer_sizes' parameter of {type(self).__name__} must hold integers >= 1. "
                f"Got {self.hidden_layer_sizes!r} instead."
            )
        activation = self.activation
        if isinstance(activation, str):
            activation = _ACTIVATION_ALIASES.get(activation, activation)
        try:
            dtype = check_float_dtype(self.dtype)
        except TypeError:
            raise InvalidParameterError(f"The 'dtype' parameter of {type(self).__name__} must be float32 or "
                                        f"float64. Got {self.dtype!r} instead.") from None
        return {"hidden_layer_sizes": [int(n) for n in sizes], "activation": activation, "loss": self.loss,
                "dtype": dtype}

    def _new_network(self, n_features: int, n_targets: int, seed: int, shape: dict[str, Any]) -> NeuralNetwork:
        n_out, output, loss = output_layer(self._task, self._n_classes(), n_targets=n_targets, loss=shape["loss"])
        return NeuralNetwork(
            [n_features, *shape["hidden_layer_sizes"], n_out], activation=shape["activation"],
            output_activation=output, loss=loss, init=self.init, seed=seed, dtype=shape["dtype"],
        )

    def _check_same_network(self, shape: dict[str, Any]) -> None:
        """A warm start keeps the fitted network: refuse parameters that would need another one."""
        for name in _NETWORK_SHAPE:
            before, now = self._network_shape[name], shape[name]
            if not (before is now or (isinstance(before, str | list | np.dtype) and before == now)):
                raise ValueError(
                    f"{type(self).__name__} continues the fitted network (warm_start or partial_fit), which was "
                    f"built with {name}={before!r}; {name} is now {now!r}. Set warm_start=False (or fit a new "
                    "estimator) to build a network with it."
                )

    def _new_optimizer(self, batch_size: int) -> Optimizer:
        if isinstance(self.optimizer, Optimizer):
            return copy.deepcopy(self.optimizer)  # the parameter itself stays untouched
        options: dict[str, Any] = {"weight_decay": self.alpha / batch_size}
        if self.optimizer == "momentum":
            options.update(momentum=self.momentum, nesterov=self.nesterovs_momentum)
        elif self.optimizer == "adam":
            options.update(beta1=self.beta_1, beta2=self.beta_2, eps=self.epsilon)
        return OPTIMIZERS[self.optimizer](self.learning_rate_init, **options)

    def _batch_size(self, n_samples: int) -> int:
        if self.batch_size == "auto":
            return min(200, n_samples)
        if self.batch_size > n_samples:
            warnings.warn(
                f"batch_size={self.batch_size} is outside 1..{n_samples} (the number of samples); "
                f"clipped to {min(max(self.batch_size, 1), n_samples)}.", UserWarning, stacklevel=3,
            )
        return int(min(max(self.batch_size, 1), n_samples))

    def _train(self, X: np.ndarray, Y: np.ndarray, n_targets: int, shape: dict[str, Any], *,
               incremental: bool) -> None:
        """Build the network if needed, then train it: ``max_iter`` epochs, or one for ``partial_fit``.

        ``Y`` is what ``NeuralNetwork.fit`` takes: class indices ``(n,)`` or targets ``(n, n_targets)``;
        ``shape`` the checked parameters that shape the network (``_check_parameters``).
        """
        keep = (incremental or self.warm_start) and hasattr(self, "network_")
        if keep:
            self._check_same_network(shape)
        else:  # one random stream per network, so each later call shuffles differently
            self._random_state = check_random_state(self.random_state)
        seed = int(self._random_state.randint(np.iinfo(np.int32).max))
        if not keep:
            self.network_ = self._new_network(X.shape[1], n_targets, seed, shape)
            self._network_shape = shape
            self.history_ = None
        batch_size = self._batch_size(len(X))
        if incremental:  # one epoch over these data, as MLPClassifier.partial_fit does
            epochs, validation, stopping = 1, None, None
        else:
            epochs = self.max_iter
            validation = self.validation_fraction if self.early_stopping else None
            stopping = EarlyStopping(patience=self.n_iter_no_change, min_delta=self.tol,
                                     restore_best=bool(self.early_stopping))
        history = self.network_.fit(
            X, Y, epochs=epochs, batch_size=batch_size, optimizer=self._new_optimizer(batch_size),
            validation_split=validation, early_stopping=stopping, seed=seed, verbose=2 if self.verbose else 0,
        )
        self.history_ = history if self.history_ is None else self.history_.extended(history)
        self.loss_curve_ = list(self.history_.loss)
        self.n_iter_ = self.history_.epochs
        if not incremental and not history.stopped_early:
            warnings.warn(
                f"{type(self).__name__} stopped after max_iter={self.max_iter} epochs and the loss "
                "was still improving: it has not converged. Raise max_iter or learning_rate_init.",
                ConvergenceWarning, stacklevel=3,
            )

    def _check_X(self, X: Any) -> np.ndarray:
        """X for a fitted estimator, through scikit-learn's checks, in the network's float type."""
        check_is_fitted(self)
        return validate_data(self, X, reset=False, dtype=self.network_.dtype)

    def _check_Xy(self, X: Any, y: Any, *, reset: bool) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
        """The parameters checked, then X and y through scikit-learn's checks (``reset`` records
        n_features_in_ anew); returns X, y and the parameters that shape the network."""
        shape = self._check_parameters()
        X, y = validate_data(self, X, y, reset=reset, dtype=shape["dtype"], **self._y_checks())
        return X, y, shape

    def _y_checks(self) -> dict[str, Any]:
        return {}
