namespace CompetitionHub.TestSupport;

/// <summary>A real form from its page, with one value changed as only an attacker or a broken client changes it.</summary>
public static class TamperedForms
{
    /// <summary>The form with <paramref name="name"/> (a hidden field, say) sent as <paramref name="value"/>; the field must be in the form.</summary>
    public static FilledForm Replacing(this FilledForm form, string name, string value)
    {
        if (form.Fields.All(f => f.Key != name))
            throw new InvalidOperationException($"The form posting to {form.Action} has no field {name}.");
        return form with { Fields = form.Fields.Select(f => f.Key == name ? new KeyValuePair<string, string>(name, value) : f).ToList() };
    }
}
