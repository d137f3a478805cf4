"""Combines the photo gate's and the pixel gate's out-of-sample scores offline (run.sh makes them; argument: its work
folder) and prints accuracy on January challenges, native-size scenes and the cross-validated photos, for each gate
alone, the committed order (photo gate with its 0.3-0.7 band, then the hazards), logistic stacking of both gates'
logits in front of the hazards, and the in-sample upper bound of any function of the two scores. Standard library
only."""
import json
import math
import sys


def load(path):
    """(label, photo gate, pixel gate, hazards) per image from an `eval --cache` table."""
    d = json.load(open(path))
    at = {name: i for i, name in enumerate(d['entries'])}
    return [(y, p[at['photo-gate']], p[at['gate']], p[at['hazards']]) for y, p in zip(d['labels'], d['probabilities'])]


work = sys.argv[1]
sets = {'January': load(f'{work}/jan-cache.json'), 'native size': load(f'{work}/native-cache.json'),
        'photos': sum((load(f'{work}/fold{f}-cache.json') for f in range(5)), [])}


def logit(p):
    p = min(1 - 1e-6, max(1e-6, p))
    return math.log(p / (1 - p))


def fit(rows, l2=1e-3):
    """Logistic regression of the label on (1, logit photo, logit pixel) by Newton's method, lightly regularised."""
    w = [0.0, 0.0, 0.0]
    xs = [(1.0, logit(r[1]), logit(r[2])) for r in rows]
    for _ in range(50):
        g = [l2 * w[i] for i in range(3)]
        h = [[l2 if i == j else 0.0 for j in range(3)] for i in range(3)]
        for x, r in zip(xs, rows):
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x))))
            for i in range(3):
                g[i] += (p - r[0]) * x[i]
                for j in range(3):
                    h[i][j] += p * (1 - p) * x[i] * x[j]
        a = [h[i] + [g[i]] for i in range(3)]  # solve h d = g by Gauss-Jordan with partial pivoting
        for i in range(3):
            pivot = max(range(i, 3), key=lambda k: abs(a[k][i]))
            a[i], a[pivot] = a[pivot], a[i]
            for k in range(3):
                if k != i:
                    f = a[k][i] / a[i][i]
                    a[k] = [u - f * v for u, v in zip(a[k], a[i])]
        w = [wi - a[i][3] / a[i][i] for i, wi in enumerate(w)]
    return w


def accuracy(score, rows):
    return sum((score(r) >= 0.5) == (r[0] == 1) for r in rows) / len(rows)


def cascade(first, rows, low=0.3, high=0.7):
    """`first` answers outside its band, the hazards the rest (the signs stage is left out: it rarely decides)."""
    return accuracy(lambda r: first(r) if not low < first(r) < high else r[3], rows)


def line(name, score):
    print(f'{name:60s}' + ''.join(f'{score(rows):>18.3f}' for rows in sets.values()))


print(f'{"":60s}' + ''.join(f'{n + " (" + str(len(rows)) + ")":>18s}' for n, rows in sets.items()))
line('photo gate alone', lambda rows: accuracy(lambda r: r[1], rows))
line('pixel gate alone', lambda rows: accuracy(lambda r: r[2], rows))
line('committed order: photo gate (0.3-0.7), then hazards', lambda rows: cascade(lambda r: r[1], rows))
weights = fit(sets['January'] + sets['native size'] + 2 * sets['photos'])
stacked = lambda r: 1 / (1 + math.exp(-(weights[0] + weights[1] * logit(r[1]) + weights[2] * logit(r[2]))))
line(f'stacked {[round(w, 3) for w in weights]}, then hazards', lambda rows: cascade(stacked, rows))

# The upper bound: a 10x10 grid over (photo, pixel) scores, each cell labelled by its weighted majority, in sample
# (each set weighted to count as much as the others): no rule on the two scores does better on this data.
cells = {}
cell = lambda r: (min(9, int(r[1] * 10)), min(9, int(r[2] * 10)))
for rows in sets.values():
    for r in rows:
        cells.setdefault(cell(r), [0.0, 0.0])[r[0]] += 1 / len(rows)
line('any rule on both scores (in-sample upper bound)',
     lambda rows: accuracy(lambda r: float(cells[cell(r)][1] > cells[cell(r)][0]), rows))
