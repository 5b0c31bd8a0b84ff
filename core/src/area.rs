//! Is a postcode in Hampshire & Isle of Wight?
//!
//! The service covers the Hampshire & Isle of Wight police force area: the 11 districts of
//! Hampshire County, Portsmouth, Southampton and the Isle of Wight. Postcode districts do not
//! follow those borders everywhere, so a postcode gives one of three answers.
//!
//! Where the table comes from: `shared/domain/README.md`, cross-checked against the public
//! pages for the SO, PO, GU, RG, SP and BH postcode areas, which name the local authorities each
//! district serves. It is not authoritative: the ONS Postcode Directory's police force area
//! column (E23000030) is, and no registry package carries it. A district on a county border is
//! `Border`: ask the person whether the address is in Hampshire or the Isle of Wight.

use crate::values::Postcode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaAnswer {
    /// The whole district is in Hampshire or the Isle of Wight.
    In,
    /// The district is split with a neighbouring county.
    Border,
    Outside,
}

use AreaAnswer::{Border, In};

/// Districts that are wholly or partly in the area, by postcode area. A district of these areas
/// that is not listed, and every district of any other area, is outside.
/// First and last district of a run, and the answer for the run.
type Districts = (u8, u8, AreaAnswer);

const TABLE: &[(&str, &[Districts])] = &[
    // Southampton, Winchester, Eastleigh, Test Valley, New Forest: every real SO district.
    (
        "SO",
        &[
            (14, 24, In),
            (30, 32, In),
            (40, 43, In),
            (45, 45, In),
            (50, 53, In),
            (97, 97, In), // non-geographic, Southampton
        ],
    ),
    (
        "PO",
        &[
            (1, 8, In),      // Portsmouth, Waterlooville, Horndean
            (9, 10, Border), // Havant and Emsworth, shared with West Sussex
            (11, 17, In),    // Hayling Island, Gosport, Fareham, Wickham
            // PO18 to PO22 are West Sussex.
            (30, 41, In), // Isle of Wight
        ],
    ),
    (
        "GU",
        &[
            (10, 10, Border), // Farnham villages, shared with Surrey
            (11, 11, In),     // Aldershot
            (12, 12, Border), // Ash and Aldershot, shared with Surrey
            (14, 14, In),     // Farnborough
            (16, 16, Border), // Frimley and Mytchett, shared with Surrey
            (17, 17, In),     // Blackwater and Hawley
            (26, 27, Border), // Hindhead and Haslemere, shared with Surrey
            (30, 31, Border), // Liphook and Petersfield villages, shared with West Sussex
            (32, 32, In),     // Petersfield
            (33, 33, Border), // Liss, shared with West Sussex
            (34, 35, In),     // Alton, Bordon
            (46, 46, In),     // Yateley
            (51, 52, In),     // Fleet and Church Crookham (GU13 was recoded to these)
        ],
    ),
    (
        "RG",
        &[
            (7, 7, Border),   // Silchester and Mortimer, shared with West Berkshire
            (14, 14, Border), // Newbury, shared with West Berkshire
            (19, 20, Border), // Thatcham and Kingsclere, shared with West Berkshire
            (21, 29, In),     // Basingstoke, Tadley, Hook, Whitchurch, Odiham
        ],
    ),
    (
        "SP",
        &[
            (4, 6, Border),   // Salisbury villages and Fordingbridge, shared with Wiltshire
            (9, 9, Border),   // Tidworth, shared with Wiltshire
            (10, 10, In),     // Andover
            (11, 11, Border), // Andover villages, shared with Wiltshire
        ],
    ),
    (
        "BH",
        &[
            (23, 24, Border), // Christchurch and Ringwood, shared with Dorset
            (25, 25, In),     // New Milton
        ],
    ),
];

/// The county a border district is shared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Neighbour {
    Surrey,
    WestSussex,
    Berkshire,
    Wiltshire,
    Dorset,
}

/// Which county a border postcode may be in instead, as the comments of `TABLE` say; `None`
/// for a postcode that is not on a border.
pub fn neighbour(postcode: &Postcode) -> Option<Neighbour> {
    if lookup(postcode) != Border {
        return None;
    }
    Some(match (postcode.area(), postcode.district()) {
        ("GU", 30 | 31 | 33) | ("PO", _) => Neighbour::WestSussex,
        ("GU", _) => Neighbour::Surrey,
        ("RG", _) => Neighbour::Berkshire,
        ("SP", _) => Neighbour::Wiltshire,
        _ => Neighbour::Dorset,
    })
}

/// Where a postcode's district lies. A forces (BFPO) address is outside: the area connection
/// then rests on the other places.
pub fn lookup(postcode: &Postcode) -> AreaAnswer {
    let district = postcode.district();
    TABLE
        .iter()
        .find(|(area, _)| *area == postcode.area())
        .and_then(|(_, ranges)| {
            ranges
                .iter()
                .find(|(first, last, _)| (*first..=*last).contains(&district))
        })
        .map_or(AreaAnswer::Outside, |(_, _, answer)| *answer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use AreaAnswer::Outside;

    fn answer(raw: &str) -> AreaAnswer {
        lookup(&Postcode::parse(raw).unwrap())
    }

    fn all(answer_wanted: AreaAnswer, districts: &str) {
        for d in districts.split_whitespace() {
            assert_eq!(answer(d), answer_wanted, "{d}");
        }
    }

    #[test]
    fn districts_that_do_not_exist_and_forces_addresses_are_outside() {
        all(Outside, "SO1 SO13 SO25 SO29 SO33 SO44 SO46 SO54 SO99 PO42");
        all(Outside, "BFPO1 BFPO123 BFPO9999");
    }

    #[test]
    fn a_border_postcode_names_its_one_neighbouring_county() {
        let n = |raw: &str| neighbour(&Postcode::parse(raw).unwrap());
        assert_eq!(n("GU10 1AA"), Some(Neighbour::Surrey));
        assert_eq!(n("GU33 6AA"), Some(Neighbour::WestSussex));
        assert_eq!(n("PO10 7AA"), Some(Neighbour::WestSussex));
        assert_eq!(n("RG14"), Some(Neighbour::Berkshire));
        assert_eq!(n("SP11"), Some(Neighbour::Wiltshire));
        assert_eq!(n("BH24"), Some(Neighbour::Dorset));
        assert_eq!(n("SO23 8UJ"), None);
    }

    #[test]
    fn the_in_area_districts_of_the_domain_table_are_in() {
        all(
            In,
            "SO14 SO24 SO30 SO32 SO40 SO43 SO45 SO50 SO53 SO97 PO1 PO8 PO11 PO17 PO30 PO41",
        );
        all(
            In,
            "GU11 GU14 GU17 GU32 GU34 GU35 GU46 GU51 GU52 RG21 RG29 SP10 BH25",
        );
    }

    #[test]
    fn the_border_districts_of_the_domain_table_are_border() {
        all(
            Border,
            "GU10 GU12 GU16 GU26 GU27 GU30 GU31 GU33 PO9 PO10 RG7 RG14 RG19 RG20",
        );
        all(Border, "SP4 SP5 SP6 SP9 SP11 BH23 BH24");
    }

    #[test]
    fn neighbouring_districts_and_other_areas_are_outside() {
        all(
            Outside,
            "PO18 PO19 PO22 PO23 PO29 PO42 SP1 SP3 SP7 SP8 BH1 BH22 BH26 BH31",
        );
        all(
            Outside,
            "GU1 GU9 GU13 GU15 GU47 RG1 RG6 RG8 RG12 RG17 RG18 RG30 RG45",
        );
        all(Outside, "SW1A E1 B1 M1 CF10 EH1 BT1");
    }

    #[test]
    fn the_edges_of_each_range_are_exact() {
        // Both sides of every boundary named in the domain table.
        all(In, "PO8 PO11 PO17 PO30 PO41 RG21 RG29");
        all(Border, "PO9 PO10 RG20 SP11 BH24");
        all(Outside, "PO18 PO29 PO42 RG30 SP12 BH26");
    }

    #[test]
    fn a_full_postcode_is_judged_by_its_district() {
        assert_eq!(answer("SO23 8UJ"), In);
        assert_eq!(answer("po10 7aa"), Border);
        assert_eq!(answer("PO19 1AA"), Outside);
    }
}
