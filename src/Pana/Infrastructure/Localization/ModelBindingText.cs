using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Pana.Infrastructure.Localization;

/// <summary>The model binder's own messages ("The value '' is invalid.") in the user's language.</summary>
public sealed class ModelBindingText(IStringLocalizer<UiText> t) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var p = options.ModelBindingMessageProvider;
        p.SetValueMustNotBeNullAccessor(_ => t["A value is required."]);
        p.SetMissingBindRequiredValueAccessor(f => t["A value for {0} is required.", f]);
        p.SetAttemptedValueIsInvalidAccessor((v, f) => t["The value '{0}' is not valid for {1}.", v, f]);
        p.SetUnknownValueIsInvalidAccessor(f => t["The value for {0} is not valid.", f]);
        p.SetValueIsInvalidAccessor(v => t["The value '{0}' is not valid.", v]);
        p.SetValueMustBeANumberAccessor(f => t["{0} must be a number.", f]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => t["The value must be a number."]);
        p.SetMissingKeyOrValueAccessor(() => t["A value is required."]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => t["A request body is required."]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => t["The value '{0}' is not valid.", v]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["The value is not valid."]);
    }
}
