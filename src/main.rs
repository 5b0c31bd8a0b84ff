fn main() {
    rj_referral::start()
}
