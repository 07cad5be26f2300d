"""scikit-learn on the split bench:classifiers trained on: held-out accuracy per family.

Reads <dir>/train_x.f64, train_y.i32, test_x.f64, test_y.i32 and shape.txt ("n_train n_test d")
and prints one JSON object {family: {"accuracy": a, "seconds": s}}. The families are
scikit-learn's counterparts of ours with the same settings (C=1 logistic regression, 100 trees,
depth 12 for the single tree, k=5, histogram gradient boosting with 100 rounds, depth 6).
Run with the Debian python3 that has python3-sklearn (/usr/bin/python3).
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

folder = sys.argv[1]
n_train, n_test, d = (int(v) for v in open(f"{folder}/shape.txt").read().split())
x_train = np.fromfile(f"{folder}/train_x.f64", dtype="<f8").reshape(n_train, d)
y_train = np.fromfile(f"{folder}/train_y.i32", dtype="<i4")
x_test = np.fromfile(f"{folder}/test_x.f64", dtype="<f8").reshape(n_test, d)
y_test = np.fromfile(f"{folder}/test_y.i32", dtype="<i4")

models = {
    "logistic_regression": LogisticRegression(C=1.0, max_iter=200),
    "random_forest": RandomForestClassifier(n_estimators=100, max_depth=20, random_state=42, n_jobs=1),
    "decision_tree": DecisionTreeClassifier(max_depth=12, random_state=42),
    "knn": KNeighborsClassifier(n_neighbors=5),
    "gaussian_nb": GaussianNB(),
    "gradient_boosting": HistGradientBoostingClassifier(
        max_iter=100, learning_rate=0.1, max_depth=6, min_samples_leaf=20, l2_regularization=1.0,
        early_stopping=False, random_state=42,
    ),
}
out = {}
for name, model in models.items():
    started = time.perf_counter()
    model.fit(x_train, y_train)
    seconds = time.perf_counter() - started
    out[name] = {"accuracy": float((model.predict(x_test) == y_test).mean()), "seconds": seconds}
print(json.dumps(out))
