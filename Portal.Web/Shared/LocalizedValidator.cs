using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Portal.Web.Resources;

namespace Portal.Web.Shared;

/// <summary>
/// Validates an <see cref="EditForm"/>'s model by its data annotations, like
/// <see cref="DataAnnotationsValidator"/>, but says so in the user's language: each
/// <c>[Display(Name = "…")]</c> is a resource key of <see cref="Names"/>, and the messages come
/// from the shared <c>Validation.*</c> texts.
/// </summary>
public sealed class LocalizedValidator : ComponentBase, IDisposable
{
    private ValidationMessageStore? _messages;
    private EditContext? _context;

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    [Inject]
    private IStringLocalizer<SharedResource> Text { get; set; } = default!;

    /// <summary>The localizer that holds the field names.</summary>
    [Parameter, EditorRequired]
    public IStringLocalizer Names { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (CurrentEditContext is null)
        {
            throw new InvalidOperationException($"{nameof(LocalizedValidator)} must be placed inside an EditForm.");
        }
        if (ReferenceEquals(_context, CurrentEditContext))
        {
            return;
        }
        Detach();
        _context = CurrentEditContext;
        _messages = new ValidationMessageStore(_context);
        _context.OnValidationRequested += ValidateModel;
        _context.OnFieldChanged += ValidateField;
    }

    private void ValidateModel(object? sender, ValidationRequestedEventArgs e)
    {
        _messages!.Clear();
        foreach (var property in _context!.Model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Validate(new FieldIdentifier(_context.Model, property.Name), property);
        }
        _context.NotifyValidationStateChanged();
    }

    private void ValidateField(object? sender, FieldChangedEventArgs e)
    {
        var property = e.FieldIdentifier.Model.GetType().GetProperty(e.FieldIdentifier.FieldName);
        if (property is null)
        {
            return;
        }
        _messages!.Clear(e.FieldIdentifier);
        Validate(e.FieldIdentifier, property);
        _context!.NotifyValidationStateChanged();
    }

    private void Validate(FieldIdentifier field, PropertyInfo property)
    {
        var value = property.GetValue(field.Model);
        var name = DisplayName(property);
        var validation = new ValidationContext(field.Model) { MemberName = property.Name, DisplayName = name };
        foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
        {
            var result = attribute.GetValidationResult(value, validation);
            if (result != ValidationResult.Success)
            {
                _messages!.Add(field, Message(attribute, name, field.Model));
            }
        }
    }

    private string DisplayName(PropertyInfo property) =>
        property.GetCustomAttribute<DisplayAttribute>()?.Name is { } key ? Names[key] : property.Name;

    private string Message(ValidationAttribute attribute, string name, object model) => attribute switch
    {
        RequiredAttribute => Text["Validation.Required", name],
        EmailAddressAttribute => Text["Validation.Email", name],
        StringLengthAttribute length when length.MinimumLength > 0 => Text["Validation.LengthBetween", name, length.MinimumLength, length.MaximumLength],
        StringLengthAttribute length => Text["Validation.LengthAtMost", name, length.MaximumLength],
        CompareAttribute compare => Text["Validation.Compare", name, DisplayName(model.GetType().GetProperty(compare.OtherProperty)!)],
        _ => attribute.FormatErrorMessage(name),
    };

    private void Detach()
    {
        if (_context is not null)
        {
            _context.OnValidationRequested -= ValidateModel;
            _context.OnFieldChanged -= ValidateField;
        }
    }

    public void Dispose() => Detach();
}
