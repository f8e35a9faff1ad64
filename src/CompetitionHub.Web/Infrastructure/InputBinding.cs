using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// A date field's sane range, when it is not the default 2000-01-01..2100-12-31 of <see cref="InputBinding"/>
/// (a company's founding date, say).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class InputDateRangeAttribute(string first, string last) : Attribute
{
    public DateOnly First { get; } = DateOnly.ParseExact(first, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    public DateOnly Last { get; } = DateOnly.ParseExact(last, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Model binding's part of the one model of valid input, for every form and query of every page:
/// text follows <see cref="TextInput"/>; a value posted for a yes/no field that is not one is refused without breaking
/// the checkbox that shows the form again; dates outside a sane range are refused before any arithmetic meets them;
/// blank items are dropped from lists of text (a list of industries holds industries, not nulls).
/// </summary>
public static class InputBinding
{
    public static readonly DateOnly FirstDate = new(2000, 1, 1);
    public static readonly DateOnly LastDate = new(2100, 12, 31);

    public const string DateRangeMessage = "日期须在 {0} 到 {1} 之间。";

    public static void AddInputRules(this MvcOptions options, IStringLocalizer t) =>
        options.ModelBinderProviders.Insert(0, new Provider(t));

    private sealed class Provider(IStringLocalizer t) : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            // Only what value providers bind (form, query, route): bodies, headers and services have binders of their own.
            if (context.BindingInfo.BindingSource is { } source && source != BindingSource.Form && source != BindingSource.Query
                && source != BindingSource.Path && source != BindingSource.ModelBinding)
                return null;
            var metadata = context.Metadata;
            var type = Nullable.GetUnderlyingType(metadata.ModelType) ?? metadata.ModelType;
            if (type == typeof(string))
                return new TextBinder(t, verbatim: metadata.DataTypeName == nameof(DataType.Password));
            if (type == typeof(bool))
                return new YesNoBinder(new SimpleTypeModelBinderProvider().GetBinder(context)!);
            if (type == typeof(DateTime) || type == typeof(DateOnly))
            {
                var range = (metadata as DefaultModelMetadata)?.Attributes.Attributes.OfType<InputDateRangeAttribute>().FirstOrDefault();
                var inner = new DateTimeModelBinderProvider().GetBinder(context) ?? new SimpleTypeModelBinderProvider().GetBinder(context)!;
                return new DateBinder(inner, t, range?.First ?? FirstDate, range?.Last ?? LastDate);
            }
            if (metadata.IsEnumerableType && metadata.ElementType == typeof(string) && !ItemsMayBeNull(metadata)
                && (new CollectionModelBinderProvider().GetBinder(context) ?? new ArrayModelBinderProvider().GetBinder(context)) is { } list)
                return new TextListBinder(list);
            return null;
        }

        /// <summary>Only a list declared as holding nullable text (blanks that keep a position) keeps its blanks.</summary>
        private static bool ItemsMayBeNull(ModelMetadata metadata)
        {
            if (metadata.ContainerType?.GetProperty(metadata.PropertyName ?? "") is not { } property) return false;
            var info = new NullabilityInfoContext().Create(property);
            var item = info.ElementType ?? info.GenericTypeArguments.FirstOrDefault();
            return item?.ReadState == NullabilityState.Nullable;
        }
    }

    private sealed class TextBinder(IStringLocalizer t, bool verbatim) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var posted = context.ValueProvider.GetValue(context.ModelName);
            if (posted == ValueProviderResult.None) return Task.CompletedTask;
            context.ModelState.SetModelValue(context.ModelName, posted);
            var text = posted.FirstValue;
            if (TextInput.HasNul(text))
            {
                context.ModelState.TryAddModelError(context.ModelName, t[TextInput.NulMessage]);
                return Task.CompletedTask;
            }
            // Passwords are taken exactly as typed: trimming one would change it.
            if (text is not null && !verbatim) text = TextInput.Normalize(text);
            if (context.ModelMetadata.ConvertEmptyStringToNull && string.IsNullOrWhiteSpace(text)) text = null;
            context.Result = ModelBindingResult.Success(text);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// The checkbox tag helper converts the posted value kept in ModelState to a bool and throws on "abc"; the posted value
    /// is dropped once it is refused, so the checkbox shows the model's value and the message sits under it.
    /// </summary>
    private sealed class YesNoBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (context.ModelState.TryGetValue(context.ModelName, out var entry) && entry.Errors.Count > 0)
                context.ModelState.SetModelValue(context.ModelName, rawValue: null, entry.AttemptedValue);
        }
    }

    private sealed class DateBinder(IModelBinder inner, IStringLocalizer t, DateOnly first, DateOnly last) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (!context.Result.IsModelSet) return;
            var date = context.Result.Model switch
            {
                DateTime d => DateOnly.FromDateTime(d),
                DateOnly d => d,
                _ => (DateOnly?)null,
            };
            if (date is not { } value || (value >= first && value <= last)) return;
            context.ModelState.TryAddModelError(context.ModelName, t[DateRangeMessage,
                first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            context.Result = ModelBindingResult.Failed();
        }
    }

    private sealed class TextListBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            switch (context.Result.Model)
            {
                case List<string?> list:
                    list.RemoveAll(string.IsNullOrWhiteSpace);
                    break;
                case string?[] array when array.Any(string.IsNullOrWhiteSpace):
                    context.Result = ModelBindingResult.Success(array.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray());
                    break;
            }
        }
    }
}
