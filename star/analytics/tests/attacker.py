"""A test-side attacker: it sees only what is published (values or "c") and the equations
linking the cells, and tries to recover each suppressed cell exactly.

Three independent attacks, each must fail:
1. linear algebra: is the unit vector of the cell in the row space of the equations
   restricted to the unknown cells? (numpy rank test)
2. LP bounds: min and max of the cell over real solutions >= lower bound (scipy linprog);
   recovered if only one integer lies in [min, max].
3. (small tables) integer programme: the same with integrality (scipy milp).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp


def attack(labels, equations, published: dict, lower_bound: int = 1, use_milp: bool = True
           ) -> dict:
    """``equations``: [(total_label, [member_labels])]; ``published``: {label: int | "c"}.
    Returns {label: recovered value} for every suppressed cell that can be recovered."""
    labels = list(labels)
    unknown = [lab for lab in labels if published[lab] == "c"]
    if not unknown:
        return {}
    upos = {lab: j for j, lab in enumerate(unknown)}
    a = np.zeros((len(equations), len(unknown)))
    rhs = np.zeros(len(equations))
    for r, (t, members) in enumerate(equations):
        for lab, sign in [(t, 1.0)] + [(m, -1.0) for m in members]:
            if lab in upos:
                a[r, upos[lab]] += sign
            else:
                rhs[r] -= sign * published[lab]
    keep = np.abs(a).sum(axis=1) > 0
    a, rhs = a[keep], rhs[keep]
    found = {}
    rank = np.linalg.matrix_rank(a) if a.size else 0
    for lab, j in upos.items():
        e = np.zeros(len(unknown))
        e[j] = 1
        if a.size and np.linalg.matrix_rank(np.vstack([a, e])) == rank:
            sol = np.linalg.lstsq(a, rhs, rcond=None)[0]
            found[lab] = round(float(sol[j]))
            continue
        if not a.size:
            continue
        lo = linprog(e, A_eq=a, b_eq=rhs, bounds=(lower_bound, None), method="highs")
        hi = linprog(-e, A_eq=a, b_eq=rhs, bounds=(lower_bound, None), method="highs")
        vmin = lo.fun if lo.status == 0 else -np.inf
        vmax = -hi.fun if hi.status == 0 else np.inf
        if np.floor(vmax + 1e-7) - np.ceil(vmin - 1e-7) < 1:
            found[lab] = int(np.ceil(vmin - 1e-7))
            continue
        if use_milp and len(unknown) <= 60:
            cons = LinearConstraint(a, rhs, rhs)
            b = Bounds(lower_bound, np.inf)
            ints = np.ones(len(unknown))
            r1 = milp(e, constraints=cons, bounds=b, integrality=ints)
            r2 = milp(-e, constraints=cons, bounds=b, integrality=ints)
            if r1.status == 0 and r2.status == 0 and round(r1.fun) == round(-r2.fun):
                found[lab] = round(r1.fun)
    return found


def attack_suppression(sup) -> dict:
    """Attack a :class:`Suppression` using only its published values."""
    t = sup.table
    pub = dict(zip(t.labels, sup.published(), strict=True))
    eqs = [(t.labels[tot], [t.labels[m] for m in ms]) for tot, ms in t.equations]
    return attack(t.labels, eqs, pub, sup.policy.lower_bound)
