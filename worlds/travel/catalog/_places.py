"""Fixed reference data for the catalog generator: cities, airlines, amenity vocabulary, word lists.

Changing anything here changes generated catalogs: bump ``generator.GENERATOR_VERSION``.
"""

from __future__ import annotations

from dataclasses import dataclass

from worlds.travel.records import Airline, City


@dataclass(frozen=True, slots=True)
class CitySpec:
    """A city plus what pricing needs: hotel cost index and the weekend/weekday night-rate factor."""

    city: City
    cost: float  # hotel price level, 1.0 = average
    weekend: float  # Friday/Saturday night factor: > 1 leisure city, < 1 business city


def _c(code: str, name: str, country: str, tz: str, lat: float, lon: float, cost: float, weekend: float,
       hoods: str) -> CitySpec:  # fmt: skip
    return CitySpec(City(code, name, country, tz, lat, lon, tuple(hoods.split(", "))), cost, weekend)


# The first 12 make `small`, the first 20 `medium`, all 30 `large`; each prefix spans several regions.
CITY_SPECS: tuple[CitySpec, ...] = (
    _c("SFO", "San Francisco", "United States", "America/Los_Angeles", 37.62, -122.38, 1.35, 0.9,
       "Union Square, SoMa, Fisherman's Wharf, Mission District, Nob Hill"),
    _c("JFK", "New York", "United States", "America/New_York", 40.64, -73.78, 1.5, 0.95,
       "Midtown, Lower Manhattan, Brooklyn Heights, Upper West Side, Chelsea"),
    _c("LAX", "Los Angeles", "United States", "America/Los_Angeles", 33.94, -118.41, 1.2, 1.1,
       "Santa Monica, Downtown, Hollywood, Venice Beach"),
    _c("ORD", "Chicago", "United States", "America/Chicago", 41.98, -87.9, 1.1, 0.85,
       "The Loop, River North, Magnificent Mile, Lincoln Park"),
    _c("YYZ", "Toronto", "Canada", "America/Toronto", 43.68, -79.63, 1.05, 0.9,
       "Downtown, Yorkville, Distillery District, Harbourfront"),
    _c("LHR", "London", "United Kingdom", "Europe/London", 51.47, -0.45, 1.45, 0.95,
       "Covent Garden, South Bank, Kensington, Shoreditch, Canary Wharf"),
    _c("CDG", "Paris", "France", "Europe/Paris", 49.01, 2.55, 1.35, 1.1,
       "Le Marais, Saint-Germain, Montmartre, Opera, Latin Quarter"),
    _c("FRA", "Frankfurt", "Germany", "Europe/Berlin", 50.03, 8.56, 1.0, 0.8,
       "Bankenviertel, Sachsenhausen, Westend, Messe"),
    _c("AMS", "Amsterdam", "Netherlands", "Europe/Amsterdam", 52.31, 4.76, 1.25, 1.15,
       "Canal Ring, Jordaan, De Pijp, Museum Quarter"),
    _c("NRT", "Tokyo", "Japan", "Asia/Tokyo", 35.77, 140.39, 1.2, 0.95,
       "Shinjuku, Ginza, Shibuya, Asakusa, Roppongi"),
    _c("SIN", "Singapore", "Singapore", "Asia/Singapore", 1.36, 103.99, 1.25, 0.9,
       "Marina Bay, Orchard Road, Chinatown, Sentosa"),
    _c("SYD", "Sydney", "Australia", "Australia/Sydney", -33.95, 151.18, 1.2, 1.1,
       "Circular Quay, Darling Harbour, Surry Hills, Bondi"),
    _c("BOS", "Boston", "United States", "America/New_York", 42.36, -71.01, 1.3, 0.9,
       "Back Bay, Seaport, Beacon Hill, Cambridge"),
    _c("SEA", "Seattle", "United States", "America/Los_Angeles", 47.45, -122.31, 1.15, 0.95,
       "Downtown, Capitol Hill, Belltown, Pioneer Square"),
    _c("MEX", "Mexico City", "Mexico", "America/Mexico_City", 19.44, -99.07, 0.7, 1.05,
       "Polanco, Roma Norte, Condesa, Centro Historico"),
    _c("GRU", "Sao Paulo", "Brazil", "America/Sao_Paulo", -23.43, -46.47, 0.75, 0.85,
       "Jardins, Vila Madalena, Itaim Bibi, Paulista"),
    _c("MAD", "Madrid", "Spain", "Europe/Madrid", 40.49, -3.57, 0.95, 1.05,
       "Sol, Salamanca, Malasana, Chamberi"),
    _c("FCO", "Rome", "Italy", "Europe/Rome", 41.8, 12.25, 1.05, 1.15,
       "Centro Storico, Trastevere, Monti, Prati"),
    _c("DXB", "Dubai", "United Arab Emirates", "Asia/Dubai", 25.25, 55.36, 1.1, 1.05,
       "Downtown, Dubai Marina, Deira, Jumeirah"),
    _c("HKG", "Hong Kong", "Hong Kong SAR", "Asia/Hong_Kong", 22.31, 113.91, 1.25, 0.9,
       "Central, Tsim Sha Tsui, Wan Chai, Causeway Bay"),
    _c("BCN", "Barcelona", "Spain", "Europe/Madrid", 41.3, 2.08, 1.0, 1.15,
       "Gothic Quarter, Eixample, Gracia, Barceloneta"),
    _c("ICN", "Seoul", "South Korea", "Asia/Seoul", 37.46, 126.44, 1.0, 0.95,
       "Myeongdong, Gangnam, Hongdae, Jongno"),
    _c("MIA", "Miami", "United States", "America/New_York", 25.79, -80.29, 1.15, 1.2,
       "South Beach, Brickell, Wynwood, Coconut Grove"),
    _c("DEN", "Denver", "United States", "America/Denver", 39.86, -104.67, 0.95, 0.9,
       "LoDo, Capitol Hill, RiNo, Cherry Creek"),
    _c("YVR", "Vancouver", "Canada", "America/Vancouver", 49.19, -123.18, 1.1, 1.0,
       "Gastown, Yaletown, Coal Harbour, Kitsilano"),
    _c("EZE", "Buenos Aires", "Argentina", "America/Argentina/Buenos_Aires", -34.82, -58.54, 0.6, 1.05,
       "Palermo, Recoleta, San Telmo, Puerto Madero"),
    _c("DUB", "Dublin", "Ireland", "Europe/Dublin", 53.43, -6.25, 1.1, 1.1,
       "Temple Bar, St Stephen's Green, Docklands, Ballsbridge"),
    _c("IST", "Istanbul", "Turkiye", "Europe/Istanbul", 41.26, 28.74, 0.7, 1.05,
       "Sultanahmet, Beyoglu, Karakoy, Besiktas"),
    _c("BKK", "Bangkok", "Thailand", "Asia/Bangkok", 13.69, 100.75, 0.55, 1.05,
       "Sukhumvit, Silom, Riverside, Siam"),
    _c("AKL", "Auckland", "New Zealand", "Pacific/Auckland", -37.01, 174.79, 1.0, 1.1,
       "CBD, Ponsonby, Viaduct Harbour, Parnell"),
)  # fmt: skip

# Fictional carriers; codes avoid the major real airlines' designators.
AIRLINES: tuple[Airline, ...] = (
    Airline("AX", "Aurora Air", 0.85),
    Airline("BQ", "Boreal Airways", 0.6),
    Airline("KV", "Kestrel Airlines", 0.7),
    Airline("NP", "Nimbus Pacific", 0.9),
    Airline("SO", "Solstice", 0.35),
    Airline("MV", "Meridian Vale", 0.65),
)

AMENITIES: tuple[str, ...] = (
    "wifi", "gym", "pool", "spa", "breakfast", "parking", "airport-shuttle", "business-centre",
    "restaurant", "bar", "pet-friendly", "kitchen",
)  # fmt: skip

HOTEL_WORDS: tuple[str, ...] = (
    "Harbour", "Maple", "Lantern", "Crown", "Meridian", "Juniper", "Willow", "Granite", "Saffron", "Cobalt",
    "Linden", "Beacon", "Orchard", "Riverside", "Foxglove", "Atlas", "Heron", "Amber", "Cedar", "Marigold",
    "Northgate", "Sterling", "Ivy", "Compass", "Larkspur", "Regent", "Tidewater", "Oak & Ember",
)  # fmt: skip
HOTEL_KINDS: dict[int, tuple[str, ...]] = {
    1: ("Hostel", "Budget Inn", "Rooms"),
    2: ("Inn", "Lodge", "Guesthouse", "Express"),
    3: ("Hotel", "Suites", "House", "Residence"),
    4: ("Hotel", "Grand Hotel", "Suites", "Boutique Hotel"),
    5: ("Palace", "Grand Hotel", "Resort & Spa", "Collection"),
}
FIRST_NAMES: tuple[str, ...] = (
    "Ana", "Ben", "Chloe", "Dev", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kenji", "Lena",
    "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomas", "Uma", "Victor", "Wen", "Yara",
)  # fmt: skip
REVIEW_TEMPLATES: dict[str, tuple[str, ...]] = {
    "good": (
        "Lovely stay. Great base in {hood} and the {amenity} was a highlight.",
        "Spotless rooms and friendly staff; we would come back to {city} just for this place.",
        "Quiet at night despite being right in {hood}. Excellent value.",
        "Everything worked, check-in took two minutes, and the {amenity} was excellent.",
    ),
    "mixed": (
        "Decent room, a bit small. {hood} is convenient but the street can be noisy.",
        "Fine for a night or two in {city}. The {amenity} was okay, breakfast average.",
        "Good location in {hood}, tired decor. Staff helpful when asked.",
        "Does the job. Walls are thin but the bed was comfortable.",
    ),
    "bad": (
        "Room was not ready at check-in and the {amenity} was closed. Would not book again.",
        "Noisy, dated and overpriced for {city}. The location in {hood} is the only plus.",
        "Dirty bathroom and slow wifi. Staff were apologetic but nothing changed.",
    ),
}
