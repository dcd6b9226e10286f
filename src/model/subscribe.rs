//! `subscribe:` in site.yaml: how readers subscribe beyond the feeds, namely a mailing-list
//! provider's sign-up form that the subscribe page posts to. Plain data, checked by
//! `validate::subscribe_config`; no provider is named in code, since Listmonk, Mailchimp and
//! Buttondown all take an HTML form post that these fields describe.

/// `subscribe:`; everything optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Subscribe {
    /// `subscribe.form`: a list provider's sign-up form, shown on the subscribe page.
    pub form: Option<SubscribeForm>,
}

/// A sign-up form that posts straight to a list provider, without JavaScript.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SubscribeForm {
    /// The absolute https URL the form posts to, as written (queries kept: Mailchimp's form
    /// address carries the account and list in `?u=..&id=..`).
    pub action: String,
    /// `scheme://host[:port]` of `action`: the one origin the subscribe page's content
    /// security policy lets the form post to.
    pub origin: String,
    /// The host of `action`, named to readers in the privacy line.
    pub host: String,
    /// The name of the e-mail input (`email`; Mailchimp's is `EMAIL`).
    pub email_field: String,
    /// The name of an optional name input, when the provider takes one (`name`, `FNAME`).
    pub name_field: Option<String>,
    /// Hidden inputs, in file order: `(name, value)`.
    pub fields: Vec<(String, String)>,
    /// Lists a reader picks with checkboxes, in file order; empty without `lists:`.
    pub lists: Vec<ListOption>,
}

/// One checkbox of `lists.options`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListOption {
    /// The input's name: `lists.field`, or the option's own `field:` (Mailchimp names each
    /// interest group's checkbox apart: `group[21][1]`).
    pub field: String,
    /// The value posted when it is ticked: the provider's list id.
    pub value: String,
    /// What the checkbox is labelled with.
    pub label: ListLabel,
    /// Ticked when the page loads.
    pub checked: bool,
}

/// A checkbox's label: a component group's (its name and components are shown) or free text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ListLabel {
    /// The id of a group of components.yaml.
    Group(String),
    /// Text as written.
    Name(String),
}
