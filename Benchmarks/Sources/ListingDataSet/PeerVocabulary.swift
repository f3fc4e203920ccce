/// The constants of peer-bench's generate.py (/work/shared/peer-bench), in its order: cities and their
/// centres, localities, the description vocabulary, Q3's prefixes, name parts and amenity odds.
public enum PeerVocabulary {
    public struct City: Sendable {
        public var name: String
        public var latitude: Double
        public var longitude: Double
        /// Not in generate.py: our `Address` needs a state and a PIN code.
        public var state: String
        public var zipCode: String
        public var localities: [String]
    }

    public static let cities: [City] = [
        City(
            name: "Bengaluru", latitude: 12.9716, longitude: 77.5946, state: "Karnataka", zipCode: "560001",
            localities: ["Koramangala", "Indiranagar", "Whitefield", "Marathahalli", "Jayanagar", "Hebbal", "Bellandur", "Yelahanka"]),
        City(
            name: "Mumbai", latitude: 19.0760, longitude: 72.8777, state: "Maharashtra", zipCode: "400001",
            localities: ["Andheri", "Bandra", "Powai", "Goregaon", "Malad", "Borivali", "Thane", "Chembur"]),
        City(
            name: "Delhi", latitude: 28.6139, longitude: 77.2090, state: "Delhi", zipCode: "110001",
            localities: ["Dwarka", "Rohini", "Saket", "Lajpat Nagar", "Karol Bagh", "Janakpuri", "Pitampura", "Mukherjee Nagar"]),
        City(
            name: "Hyderabad", latitude: 17.3850, longitude: 78.4867, state: "Telangana", zipCode: "500001",
            localities: ["Gachibowli", "Madhapur", "Kondapur", "Ameerpet", "Kukatpally", "Begumpet", "Miyapur", "Banjara Hills"]),
        City(
            name: "Chennai", latitude: 13.0827, longitude: 80.2707, state: "Tamil Nadu", zipCode: "600001",
            localities: ["Adyar", "Velachery", "Tambaram", "Guindy", "Porur", "Nungambakkam", "Sholinganallur", "Mylapore"]),
        City(
            name: "Pune", latitude: 18.5204, longitude: 73.8567, state: "Maharashtra", zipCode: "411001",
            localities: ["Hinjewadi", "Kothrud", "Baner", "Wakad", "Viman Nagar", "Hadapsar", "Aundh", "Kharadi"]),
        City(
            name: "Kolkata", latitude: 22.5726, longitude: 88.3639, state: "West Bengal", zipCode: "700001",
            localities: ["Salt Lake", "Howrah", "Ballygunge", "Dumdum", "Behala", "Garia", "Rajarhat", "Tollygunge"]),
        City(
            name: "Ahmedabad", latitude: 23.0225, longitude: 72.5714, state: "Gujarat", zipCode: "380001",
            localities: ["Navrangpura", "Satellite", "Bopal", "Maninagar", "Vastrapur", "Thaltej", "Paldi", "Chandkheda"]),
        City(
            name: "Jaipur", latitude: 26.9124, longitude: 75.7873, state: "Rajasthan", zipCode: "302001",
            localities: ["Malviya Nagar", "Vaishali Nagar", "Mansarovar", "Tonk Road", "Sodala", "Jagatpura", "Raja Park", "Bani Park"]),
        City(
            name: "Kochi", latitude: 9.9312, longitude: 76.2673, state: "Kerala", zipCode: "682001",
            localities: ["Kakkanad", "Edappally", "Vyttila", "Kaloor", "Palarivattom", "Fort Kochi", "Aluva", "Thrikkakara"]),
    ]

    /// Plain lowercase ASCII words, no hyphens.
    public static let vocabulary = [
        "spacious", "furnished", "unfurnished", "near", "metro", "station", "college", "campus", "tech", "park", "quiet",
        "friendly", "homely", "food", "girls", "boys", "coliving", "premium", "budget", "balcony", "attached", "bathroom",
        "private", "shared", "sunny", "modern", "secure", "students", "professionals", "hospital", "market", "mall",
        "airport", "bus", "stop", "garden", "terrace", "kitchen", "vegetarian", "nonvegetarian", "laundry", "cleaning",
        "daily", "weekly", "monthly", "rent", "deposit", "walking", "distance", "office", "hub", "itpark", "lift",
        "furniture", "wardrobe", "study", "table", "cozy", "bright", "ventilated",
    ]

    /// Q3's prefix terms: each begins at least one vocabulary word.
    public static let prefixes = [
        "furn", "spac", "metr", "coll", "budg", "prem", "balc", "home", "quie", "priv", "stud", "prof", "vege", "kitc",
        "terr", "ward", "vent", "brig",
    ]

    public static let nameA = [
        "Sunrise", "Green", "Royal", "Comfort", "Happy", "Cozy", "Urban", "Elite", "Star", "Lotus", "Silver", "Golden",
        "Sai", "Shree", "Blue", "Zen", "Nest", "Stanza", "Zolo", "Maple",
    ]
    /// The second word of a name, by property type (generate.py's NAME_B; "Hostel" twice, as there).
    public static let nameB: [String: [String]] = [
        "PG": ["PG", "Paying Guest", "Residency", "Stay"], "Hostel": ["Hostel", "Dorms", "Hostel"],
        "Flat": ["Apartments", "Homes", "Flats"],
    ]

    /// generate.py's amenity names (our `Amenity` raw values) and the chance a property has each.
    public static let amenities: [(name: String, probability: Double)] = [
        ("wifi", 0.9), ("meals", 0.6), ("ac", 0.45), ("laundry", 0.55), ("parking", 0.35), ("gym", 0.15),
        ("power-backup", 0.6), ("cctv", 0.5), ("housekeeping", 0.4), ("hot-water", 0.7),
    ]

    public static let kmPerDegreeLatitude = 111.32
    public static let sigmaKm = 6.0
}
