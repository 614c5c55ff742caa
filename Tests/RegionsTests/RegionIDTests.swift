import LoRaPHY
import Regions
import Testing

@Suite struct RegionIDTests {
    @Test func namesMatchRP002CommonNames() {
        #expect(RegionID.allCases.map(\.rawValue) == [
            "EU868", "US915", "IN865", "AS923-1", "AS923-2", "AS923-3", "AS923-4", "AU915", "KR920", "CN470", "EU433",
            "RU864",
        ])
    }

    @Test func lookupIgnoresCase() {
        #expect(RegionID(name: "eu868") == .eu868)
        #expect(RegionID(name: "Us915") == .us915)
        #expect(RegionID(name: "as923-2") == .as923_2)
        #expect(RegionID(name: "AS923_3") == .as923_3)
        #expect(RegionID(name: "as923") == .as923_1)
    }

    @Test func unknownNamesAreRejected() {
        #expect(RegionID(name: "EU869") == nil)
        #expect(RegionID(name: "") == nil)
        #expect(RegionID(name: "AS923-5") == nil)
        #expect(RegionID(name: " EU868") == nil)
    }

    @Test func everyPlanCarriesItsOwnID() {
        for region in RegionID.allCases {
            #expect(region.plan.id == region)
        }
    }

    @Test func namesListForErrors() {
        #expect(RegionID.namesList.hasPrefix("EU868, US915, IN865, AS923-1"))
        #expect(RegionID.namesList.hasSuffix("EU433, RU864"))
    }
}
