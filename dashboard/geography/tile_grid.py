"""Tile-grid positions (row, column) of districts by official district code, per province code.

Hand-checked against the district boundaries so that neighbours stay roughly
neighbours: north at the top, the sea to the west. Small central districts
(İzmir's metropolitan core) get a full tile each, which the geographic map
cannot give them. Add a province by adding its block.
"""

from __future__ import annotations

TILE_GRIDS: dict[str, dict[str, tuple[int, int]]] = {
    # İzmir (35): 30 districts
    "35": {
        "1280": (0, 3),  # Dikili
        "1181": (0, 4),  # Bergama
        "1467": (0, 5),  # Kınık
        "1128": (1, 3),  # Aliağa
        "1432": (2, 1),  # Karaburun
        "1334": (2, 2),  # Foça
        "1521": (2, 3),  # Menemen
        "2007": (3, 3),  # Çiğli
        "1448": (3, 4),  # Karşıyaka
        "2056": (3, 5),  # Bayraklı
        "1203": (3, 6),  # Bornova
        "1461": (3, 7),  # Kemalpaşa
        "1251": (4, 0),  # Çeşme
        "1703": (4, 1),  # Urla
        "2018": (4, 2),  # Güzelbahçe
        "2013": (4, 3),  # Narlıdere
        "2006": (4, 4),  # Balçova
        "1819": (4, 5),  # Konak
        "1780": (4, 6),  # Buca
        "1178": (4, 7),  # Bayındır
        "1776": (4, 8),  # Beydağ
        "1611": (5, 2),  # Seferihisar
        "2057": (5, 4),  # Karabağlar
        "2009": (5, 5),  # Gaziemir
        "1682": (5, 6),  # Torbalı
        "1677": (5, 7),  # Tire
        "1563": (5, 8),  # Ödemiş
        "1826": (6, 5),  # Menderes
        "1612": (6, 6),  # Selçuk
        "1477": (6, 8),  # Kiraz
    },
    # Balıkesir (10): 20 districts
    "10": {
        "1824": (0, 2),  # Marmara
        "1310": (0, 3),  # Erdek
        "1171": (1, 3),  # Bandırma
        "1360": (2, 2),  # Gönen
        "1514": (2, 3),  # Manyas
        "1644": (2, 4),  # Susurluk
        "1928": (3, 0),  # Gömeç
        "1169": (3, 2),  # Balya
        "2078": (3, 3),  # Karesi
        "1462": (3, 4),  # Kepsut
        "1294": (4, 0),  # Edremit
        "1384": (4, 1),  # Havran
        "1418": (4, 2),  # İvrindi
        "2077": (4, 3),  # Altıeylül
        "1191": (4, 4),  # Bigadiç
        "1291": (4, 5),  # Dursunbey
        "1161": (5, 0),  # Ayvalık
        "1216": (5, 1),  # Burhaniye
        "1608": (5, 2),  # Savaştepe
        "1619": (5, 4),  # Sındırgı
    },
}
