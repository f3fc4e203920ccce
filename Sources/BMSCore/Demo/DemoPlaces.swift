/// The demo properties: real neighbourhoods of ten Indian cities with their coordinates, PGs, hostels and
/// flats with typical rooms and monthly prices (in paise).
enum DemoPlaces {
    struct DemoRoom {
        var type: String
        var beds: Int
        var rupees: Int64
        var depositMonths: Int64

        func form(_ property: PropertyID, number: Int) -> RoomForm {
            RoomForm(
                propertyId: property.description, roomNumber: "\(number)", roomType: type, price: rupees * 100,
                securityDeposit: rupees * 100 * depositMonths, capacity: beds,
                amenities: type == "Single" ? ["study-table", "wardrobe"] : ["wardrobe"]
            )
        }
    }

    struct Place {
        var name: String
        var type: String
        var street: String
        var locality: String
        var city: String
        var state: String
        var zip: String
        var lat: Double
        var lng: Double
        var amenities: [String]
        var instantBook: Bool
        var policy: String
        var description: String
        var rooms: [DemoRoom]

        var form: PropertyForm {
            PropertyForm(
                propertyName: name, description: description,
                address: AddressForm(
                    street: street, locality: locality, city: city, state: state, country: "India", zipCode: zip,
                    coordinates: CoordinatesForm(lat: lat, lng: lng)
                ),
                propertyType: type, amenities: amenities, rules: ["No smoking inside", "Gate closes at 11 pm", "Visitors in the common room only"],
                cancellationPolicy: policy, instantBook: instantBook
            )
        }
    }

    static let all: [Place] = [
        Place(
            name: "Sunrise Ladies PG", type: "PG", street: "14, 5th Cross, 6th Block", locality: "Koramangala", city: "Bengaluru",
            state: "Karnataka", zip: "560095", lat: 12.9352, lng: 77.6245, amenities: ["wifi", "meals", "laundry", "power-backup", "cctv"],
            instantBook: true, policy: "flexible",
            description: "A homely PG for working women, ten minutes from the Forum mall. Three vegetarian meals a day and daily housekeeping.",
            rooms: [
                DemoRoom(type: "Single", beds: 1, rupees: 14_000, depositMonths: 2),
                DemoRoom(type: "Double", beds: 2, rupees: 9_500, depositMonths: 2),
            ]
        ),
        Place(
            name: "Andheri Nest Coliving", type: "PG", street: "Plot 22, Marol Maroshi Road", locality: "Andheri East", city: "Mumbai",
            state: "Maharashtra", zip: "400059", lat: 19.1136, lng: 72.8697, amenities: ["wifi", "ac", "housekeeping", "hot-water", "lift"],
            instantBook: false, policy: "moderate",
            description: "Air-conditioned coliving near the metro, a short ride to the airport and the SEEPZ offices.",
            rooms: [
                DemoRoom(type: "Double", beds: 2, rupees: 16_000, depositMonths: 2),
                DemoRoom(type: "Triple", beds: 3, rupees: 12_000, depositMonths: 1),
            ]
        ),
        Place(
            name: "Saket Scholars Hostel", type: "Hostel", street: "J-12, Press Enclave Marg", locality: "Saket", city: "Delhi",
            state: "Delhi", zip: "110017", lat: 28.5245, lng: 77.2066, amenities: ["wifi", "meals", "laundry", "cctv", "security"],
            instantBook: true, policy: "strict",
            description: "Quiet hostel for students near the Saket metro station, with a study hall open till midnight.",
            rooms: [
                DemoRoom(type: "Dormitory", beds: 6, rupees: 6_500, depositMonths: 1),
                DemoRoom(type: "Double", beds: 2, rupees: 9_000, depositMonths: 1),
            ]
        ),
        Place(
            name: "Gachibowli Tech Stay", type: "PG", street: "Road 2, Financial District", locality: "Gachibowli", city: "Hyderabad",
            state: "Telangana", zip: "500032", lat: 17.4401, lng: 78.3489, amenities: ["wifi", "ac", "meals", "gym", "parking", "power-backup"],
            instantBook: true, policy: "flexible",
            description: "Professional PG walking distance from the tech parks, with a gym and covered parking.",
            rooms: [
                DemoRoom(type: "Single", beds: 1, rupees: 15_500, depositMonths: 2),
                DemoRoom(type: "Double", beds: 2, rupees: 10_500, depositMonths: 2),
            ]
        ),
        Place(
            name: "Adyar Riverside Flat", type: "Flat", street: "7, Gandhi Nagar 2nd Main Road", locality: "Adyar", city: "Chennai",
            state: "Tamil Nadu", zip: "600020", lat: 13.0012, lng: 80.2565, amenities: ["wifi", "kitchen", "fridge", "balcony"],
            instantBook: false, policy: "moderate",
            description: "A shared three-bedroom flat near the Adyar river and IIT Madras, with a full kitchen.",
            rooms: [
                DemoRoom(type: "Single", beds: 1, rupees: 12_000, depositMonths: 3),
                DemoRoom(type: "Double", beds: 2, rupees: 8_500, depositMonths: 3),
            ]
        ),
        Place(
            name: "Kothrud Green PG", type: "PG", street: "Survey 45, Paud Road", locality: "Kothrud", city: "Pune",
            state: "Maharashtra", zip: "411038", lat: 18.5074, lng: 73.8077, amenities: ["wifi", "meals", "hot-water", "laundry"],
            instantBook: true, policy: "flexible",
            description: "Friendly PG for students of MIT and the Karve Road colleges, Maharashtrian home food.",
            rooms: [
                DemoRoom(type: "Triple", beds: 3, rupees: 7_000, depositMonths: 1),
                DemoRoom(type: "Double", beds: 2, rupees: 8_500, depositMonths: 1),
            ]
        ),
        Place(
            name: "Salt Lake Sector V Residency", type: "PG", street: "BN Block, Sector V", locality: "Salt Lake", city: "Kolkata",
            state: "West Bengal", zip: "700091", lat: 22.5867, lng: 88.4171, amenities: ["wifi", "ac", "meals", "cctv", "housekeeping"],
            instantBook: false, policy: "strict",
            description: "Serviced PG next to the Sector V IT hub, with Bengali and North Indian meals.",
            rooms: [
                DemoRoom(type: "Single", beds: 1, rupees: 11_000, depositMonths: 2),
                DemoRoom(type: "Double", beds: 2, rupees: 8_000, depositMonths: 2),
            ]
        ),
        Place(
            name: "Navrangpura Comfort Hostel", type: "Hostel", street: "Near Gujarat University", locality: "Navrangpura", city: "Ahmedabad",
            state: "Gujarat", zip: "380009", lat: 23.0365, lng: 72.5611, amenities: ["wifi", "meals", "water-purifier"],
            instantBook: true, policy: "moderate",
            description: "Budget hostel beside Gujarat University with vegetarian Gujarati thali.",
            rooms: [DemoRoom(type: "Dormitory", beds: 4, rupees: 5_000, depositMonths: 1)]
        ),
        Place(
            name: "Malviya Nagar Heritage PG", type: "PG", street: "C-Scheme Extension", locality: "Malviya Nagar", city: "Jaipur",
            state: "Rajasthan", zip: "302017", lat: 26.8549, lng: 75.8243, amenities: ["wifi", "meals", "parking"],
            instantBook: true, policy: "flexible",
            description: "A haveli-style PG close to MNIT and the World Trade Park.",
            rooms: [DemoRoom(type: "Double", beds: 2, rupees: 7_500, depositMonths: 1)]
        ),
        Place(
            name: "Kakkanad Infopark Stay", type: "Flat", street: "Seaport-Airport Road", locality: "Kakkanad", city: "Kochi",
            state: "Kerala", zip: "682030", lat: 10.0159, lng: 76.3419, amenities: ["wifi", "kitchen", "fridge", "parking"],
            instantBook: true, policy: "moderate",
            description: "Shared flat five minutes from Infopark, with a kitchen and a balcony facing the backwaters.",
            rooms: [DemoRoom(type: "Single", beds: 1, rupees: 10_000, depositMonths: 2)]
        ),
    ]

    static let seekerNames: [(String, String)] = [
        ("Aarav", "Sharma"), ("Diya", "Patel"), ("Vihaan", "Reddy"), ("Ananya", "Nair"), ("Arjun", "Mehta"), ("Ishita", "Das"),
        ("Kabir", "Singh"), ("Saanvi", "Joshi"), ("Rohan", "Gupta"), ("Myra", "Menon"),
    ]
}
