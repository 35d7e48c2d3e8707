//! Saving the inline editor: the edited YAML is parsed and checked the way KUBIC checks
//! it before it is sent; and the YAML text an object is shown and edited as.

use crate::app::{App, Effect, Mode};
use crate::config::i18n::{Lang, t};
use crate::model::invalid::Part;
use crate::model::resource::Known;
use crate::model::yaml;

impl App {
    pub(in crate::app) fn save_editor(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Mode::Editor(editor) = &mut self.mode else {
            return Vec::new();
        };
        if editor.saving {
            return Vec::new();
        }
        let edited = match yaml::from_yaml(&editor.text()) {
            Ok(edited) => edited,
            Err(error) => {
                editor.error = Some(t!(lang, "note.editor_not_saved", why = error));
                return vec![Effect::Redraw];
            }
        };
        if let Err(reason) = check_before_saving(&editor.object, &edited, lang) {
            editor.error = Some(t!(lang, "note.editor_not_saved", why = reason));
            return vec![Effect::Redraw];
        }
        editor.saving = true;
        editor.error = None;
        let mut object = editor.object.clone();
        let effect = if editor.creating {
            object.name = edited["metadata"]["name"].as_str().unwrap_or_default().to_string();
            editor.object = object.clone();
            Effect::Create { object, edited }
        } else {
            Effect::Apply { object, edited }
        };
        vec![effect, Effect::Redraw]
    }
}

/// KUBIC's checks on an edited object before it is sent: a catalog's template must
/// render with sample values (the error names line and column); a new object needs a name.
fn check_before_saving(
    object: &crate::model::cluster::ObjectRef,
    edited: &serde_json::Value,
    lang: Lang,
) -> Result<(), String> {
    let name = edited["metadata"]["name"].as_str().unwrap_or_default();
    crate::model::validate::dns1123_label(name).map_err(|e| lang.invalid(&e.of(Part::MetadataName)))?;
    if object.kind.is_known(Known::Catalog) {
        let template = edited["spec"]["template"].as_str().unwrap_or_default();
        crate::catalog::check_template(template).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The YAML shown for `object`, with secret values masked unless `revealed`.
pub fn yaml_text(mut object: serde_json::Value, revealed: bool) -> String {
    yaml::strip_noise(&mut object);
    if !revealed {
        yaml::mask_secrets(&mut object);
    }
    yaml::to_yaml(&object).unwrap_or_else(|e| format!("# cannot show this object as YAML: {e}"))
}
