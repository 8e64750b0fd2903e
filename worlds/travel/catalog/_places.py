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


# The order is part of the catalog: a size takes the first N cities (seeds use the position).
# `small` is the first 12 (frozen: scenarios pin its ids), `medium` the first 24 (the busiest hubs people
# ask for, mostly North American), `large` all 48; every prefix spans several regions.
CITY_SPECS: tuple[CitySpec, ...] = (
    # small
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
    # medium adds
    _c("BOS", "Boston", "United States", "America/New_York", 42.36, -71.01, 1.3, 0.9,
       "Back Bay, Seaport, Beacon Hill, Cambridge"),
    _c("SEA", "Seattle", "United States", "America/Los_Angeles", 47.45, -122.31, 1.15, 0.95,
       "Downtown, Capitol Hill, Belltown, Pioneer Square"),
    _c("ATL", "Atlanta", "United States", "America/New_York", 33.64, -84.43, 0.95, 0.9,
       "Buckhead, Midtown, Downtown, Old Fourth Ward, Inman Park"),
    _c("DFW", "Dallas", "United States", "America/Chicago", 32.9, -97.04, 0.95, 0.85,
       "Uptown, Deep Ellum, Downtown, Bishop Arts District, Design District"),
    _c("PHX", "Phoenix", "United States", "America/Phoenix", 33.43, -112.01, 0.9, 1.05,
       "Downtown, Arcadia, Roosevelt Row, Biltmore, Camelback East"),
    _c("AUS", "Austin", "United States", "America/Chicago", 30.2, -97.67, 1.0, 1.1,
       "Downtown, South Congress, East Austin, Rainey Street, Zilker"),
    _c("PDX", "Portland", "United States", "America/Los_Angeles", 45.59, -122.6, 0.95, 1.0,
       "Pearl District, Downtown, Alberta Arts District, Hawthorne, Old Town Chinatown"),
    _c("IAD", "Washington", "United States", "America/New_York", 38.95, -77.46, 1.25, 0.85,
       "Georgetown, Dupont Circle, Penn Quarter, Foggy Bottom, Navy Yard"),
    _c("DEN", "Denver", "United States", "America/Denver", 39.86, -104.67, 0.95, 0.9,
       "LoDo, Capitol Hill, RiNo, Cherry Creek"),
    _c("MIA", "Miami", "United States", "America/New_York", 25.79, -80.29, 1.15, 1.2,
       "South Beach, Brickell, Wynwood, Coconut Grove"),
    _c("LAS", "Las Vegas", "United States", "America/Los_Angeles", 36.08, -115.15, 0.9, 1.3,
       "The Strip, Downtown, Arts District, Summerlin"),
    _c("MCO", "Orlando", "United States", "America/New_York", 28.43, -81.31, 0.85, 1.15,
       "International Drive, Lake Buena Vista, Downtown, Thornton Park, College Park"),
    # large adds
    _c("PHL", "Philadelphia", "United States", "America/New_York", 39.87, -75.24, 1.0, 0.9,
       "Center City, Old City, Rittenhouse Square, Fishtown, University City"),
    _c("MAD", "Madrid", "Spain", "Europe/Madrid", 40.49, -3.57, 0.95, 1.05,
       "Sol, Salamanca, Malasana, Chamberi"),
    _c("HKG", "Hong Kong", "Hong Kong SAR", "Asia/Hong_Kong", 22.31, 113.91, 1.25, 0.9,
       "Central, Tsim Sha Tsui, Wan Chai, Causeway Bay"),
    _c("YUL", "Montreal", "Canada", "America/Toronto", 45.47, -73.74, 0.95, 1.05,
       "Old Montreal, Plateau Mont-Royal, Downtown, Mile End, Quartier Latin"),
    _c("GRU", "Sao Paulo", "Brazil", "America/Sao_Paulo", -23.43, -46.47, 0.75, 0.85,
       "Jardins, Vila Madalena, Itaim Bibi, Paulista"),
    _c("FCO", "Rome", "Italy", "Europe/Rome", 41.8, 12.25, 1.05, 1.15,
       "Centro Storico, Trastevere, Monti, Prati"),
    _c("SAN", "San Diego", "United States", "America/Los_Angeles", 32.73, -117.19, 1.1, 1.15,
       "Gaslamp Quarter, Little Italy, La Jolla, Pacific Beach, Old Town"),
    _c("DXB", "Dubai", "United Arab Emirates", "Asia/Dubai", 25.25, 55.36, 1.1, 1.05,
       "Downtown, Dubai Marina, Deira, Jumeirah"),
    _c("BER", "Berlin", "Germany", "Europe/Berlin", 52.37, 13.5, 0.95, 1.05,
       "Mitte, Kreuzberg, Prenzlauer Berg, Charlottenburg, Friedrichshain"),
    _c("ICN", "Seoul", "South Korea", "Asia/Seoul", 37.46, 126.44, 1.0, 0.95,
       "Myeongdong, Gangnam, Hongdae, Jongno"),
    _c("MSP", "Minneapolis", "United States", "America/Chicago", 44.88, -93.22, 0.9, 0.85,
       "Downtown, North Loop, Uptown, Northeast, Loring Park"),
    _c("BCN", "Barcelona", "Spain", "Europe/Madrid", 41.3, 2.08, 1.0, 1.15,
       "Gothic Quarter, Eixample, Gracia, Barceloneta"),
    _c("YVR", "Vancouver", "Canada", "America/Vancouver", 49.19, -123.18, 1.1, 1.0,
       "Gastown, Yaletown, Coal Harbour, Kitsilano"),
    _c("MUC", "Munich", "Germany", "Europe/Berlin", 48.35, 11.79, 1.1, 0.9,
       "Altstadt, Maxvorstadt, Schwabing, Glockenbachviertel, Haidhausen"),
    _c("EZE", "Buenos Aires", "Argentina", "America/Argentina/Buenos_Aires", -34.82, -58.54, 0.6, 1.05,
       "Palermo, Recoleta, San Telmo, Puerto Madero"),
    _c("HNL", "Honolulu", "United States", "Pacific/Honolulu", 21.32, -157.92, 1.3, 1.1,
       "Waikiki, Ala Moana, Downtown, Kakaako, Kahala"),
    _c("DUB", "Dublin", "Ireland", "Europe/Dublin", 53.43, -6.25, 1.1, 1.1,
       "Temple Bar, St Stephen's Green, Docklands, Ballsbridge"),
    _c("LIS", "Lisbon", "Portugal", "Europe/Lisbon", 38.77, -9.13, 0.85, 1.1,
       "Baixa, Alfama, Chiado, Bairro Alto, Belem"),
    _c("BKK", "Bangkok", "Thailand", "Asia/Bangkok", 13.69, 100.75, 0.55, 1.05,
       "Sukhumvit, Silom, Riverside, Siam"),
    _c("MEL", "Melbourne", "Australia", "Australia/Melbourne", -37.67, 144.84, 1.05, 1.05,
       "CBD, Southbank, Fitzroy, St Kilda, Carlton"),
    _c("IST", "Istanbul", "Turkiye", "Europe/Istanbul", 41.26, 28.74, 0.7, 1.05,
       "Sultanahmet, Beyoglu, Karakoy, Besiktas"),
    _c("EDI", "Edinburgh", "United Kingdom", "Europe/London", 55.95, -3.37, 1.1, 1.15,
       "Old Town, New Town, Leith, Stockbridge, West End"),
    _c("AKL", "Auckland", "New Zealand", "Pacific/Auckland", -37.01, 174.79, 1.0, 1.1,
       "CBD, Ponsonby, Viaduct Harbour, Parnell"),
    _c("MEX", "Mexico City", "Mexico", "America/Mexico_City", 19.44, -99.07, 0.7, 1.05,
       "Polanco, Roma Norte, Condesa, Centro Historico"),
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

# The amenity vocabulary. The first 12 are drawn for every hotel; NEW_AMENITIES (a cot or crib on
# request, step-free accessible rooms) only for hotels in cities beyond `small`, so `small` is unchanged.
BASE_AMENITIES: tuple[str, ...] = (
    "wifi", "gym", "pool", "spa", "breakfast", "parking", "airport-shuttle", "business-centre",
    "restaurant", "bar", "pet-friendly", "kitchen",
)  # fmt: skip
NEW_AMENITIES: tuple[str, ...] = ("crib", "accessible")
AMENITIES: tuple[str, ...] = BASE_AMENITIES + NEW_AMENITIES

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
# Reviews of hotels in `small` cities (frozen with `small`).
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


@dataclass(frozen=True, slots=True)
class ReviewTopic:
    """What reviews say about one topic: keywords that speak well / badly of it, and the sentences.

    A review *speaks well* of a topic when its lower-cased text contains one of ``praise`` and *badly*
    when it contains one of ``complaint``. Every ``good`` sentence holds a praise keyword, every ``bad``
    one a complaint keyword, and no sentence holds another topic's keywords (a test checks this).
    """

    praise: tuple[str, ...]
    complaint: tuple[str, ...]
    good: tuple[str, ...]
    bad: tuple[str, ...]


# Reviews of hotels in cities beyond `small`: an opener for the review's rating band, then three
# sentences on topics of the hotel (breakfast only where the hotel has breakfast or a restaurant).
REVIEW_TOPICS: dict[str, ReviewTopic] = {
    "quiet": ReviewTopic(
        praise=("quiet", "peaceful", "slept well", "slept soundly"),
        complaint=("noisy", "noise", "loud", "thin walls"),
        good=(
            "The room was quiet and we slept well.",
            "Peaceful at night even though {hood} is busy by day.",
            "We slept soundly: no traffic, no corridor chatter.",
        ),
        bad=(
            "Noisy at night, with street noise until two in the morning.",
            "Thin walls: we heard every word from next door.",
            "Loud music from somewhere below kept us up.",
        ),
    ),
    "breakfast": ReviewTopic(
        praise=("great breakfast", "excellent breakfast", "breakfast was delicious", "best breakfast"),
        complaint=("poor breakfast", "breakfast was disappointing", "breakfast was cold", "stale"),
        good=(
            "Great breakfast, with fresh pastries and proper coffee.",
            "The breakfast was delicious and served until eleven.",
            "Best breakfast we had in {city}.",
        ),
        bad=(
            "Poor breakfast for the price.",
            "The breakfast was disappointing: the same three things every day.",
            "Breakfast was cold by the time we came down, and the bread was stale.",
        ),
    ),
    "clean": ReviewTopic(
        praise=("spotless", "very clean", "immaculate", "sparkling"),
        complaint=("dirty", "stained", "dusty", "grubby"),
        good=(
            "Spotless room and a sparkling bathroom.",
            "Everything was very clean, down to the carpets.",
            "Immaculate housekeeping every day.",
        ),
        bad=(
            "The bathroom was dirty when we arrived.",
            "Stained sheets and dusty shelves.",
            "Grubby carpets that should have been replaced years ago.",
        ),
    ),
    "location": ReviewTopic(
        praise=("great location", "perfect location", "well located", "close to everything"),
        complaint=("far from", "out of the way", "awkward location", "long walk"),
        good=(
            "Great location, right in the middle of {hood}.",
            "Perfect location for seeing {city} on foot.",
            "Well located and close to everything we wanted to see.",
        ),
        bad=(
            "A bit far from the sights; we took taxis everywhere.",
            "Out of the way, and a long walk to the nearest station.",
            "Awkward location for getting around {city}.",
        ),
    ),
    "staff": ReviewTopic(
        praise=("friendly staff", "helpful staff", "staff were lovely", "staff were helpful"),
        complaint=("rude", "indifferent", "staff ignored", "staff were slow"),
        good=(
            "Friendly staff who remembered our names.",
            "The staff were helpful with tips for dinner in {hood}.",
            "Helpful staff at the front desk, day and night.",
        ),
        bad=(
            "The receptionist was rude when we asked for a late check-out.",
            "The staff ignored two requests for towels.",
            "Indifferent service at the desk, and the staff were slow to fix anything.",
        ),
    ),
}
REVIEW_OPENERS: dict[str, tuple[str, ...]] = {
    "good": ("Lovely stay.", "Would happily stay again.", "A real find.", "Excellent value."),
    "mixed": ("Decent for the price.", "Fine for a night or two.", "Some ups and downs.", "Does the job."),
    "bad": ("Would not book again.", "Disappointing overall.", "Not worth the money."),
}
