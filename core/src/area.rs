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
    // Southampton, Winchester, Eastleigh, Test Valley, New Forest: all of SO, SO97 included.
    ("SO", &[(0, 99, In)]),
    (
        "PO",
        &[
            (1, 8, In),      // Portsmouth, Havant, Fareham, Gosport, Waterlooville
            (9, 10, Border), // Havant and Emsworth, shared with West Sussex
            (11, 17, In),    // Hayling Island, Fareham, Gosport, Petersfield
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
            (7, 7, Border),   // Tadley area, shared with West Berkshire
            (14, 14, Border), // Newbury, shared with West Berkshire
            (19, 20, Border), // Thatcham and Kingsclere, shared with West Berkshire
            (21, 29, In),     // Basingstoke, Hook, Odiham, Whitchurch, Overton
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

/// Where a postcode's district lies.
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
