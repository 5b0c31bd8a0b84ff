fn main() {
    leptos::mount::mount_to_body(|| leptos::view! { <rj_referral::App/> })
}
