fn main() {
    leptos::mount::mount_to_body(rj_referral::App)
}
