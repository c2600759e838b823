using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Admin;

/// <summary>What an organisation page form is about.</summary>
public enum OrganisationUnit
{
    Department,
    Park,
    Industry,
}

/// <summary>
/// 组织机构: departments with their head (one of their active handlers) and handlers, parks and industries
/// with their default commissioner. One form at a time; a refusal is shown beside its field and what
/// was typed stays.
/// </summary>
public sealed partial class OrganisationPage
{
    [Inject]
    private OrganisationAdministration Organisation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<AdminResource> Text { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    private PortalUser _admin = default!;
    private IReadOnlyList<DepartmentRow> _departments = [];
    private IReadOnlyList<RoutingDefaultRow> _parks = [];
    private IReadOnlyList<RoutingDefaultRow> _industries = [];
    private IReadOnlyList<OrganisationPerson> _commissioners = [];
    private bool _busy;
    private string? _done;
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private OrganisationForm? _form;

    protected override async Task OnInitializedAsync()
    {
        _admin = (await Authentication).User.ToPortalUser();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _departments = await Organisation.DepartmentsAsync(_admin);
        _parks = await Organisation.ParksAsync(_admin);
        _industries = await Organisation.IndustriesAsync(_admin);
        _commissioners = await Organisation.CommissionersAsync(_admin);
    }

    private string Person(OrganisationPerson person) =>
        person.IsActive ? $"{person.DisplayName} ({person.Email})" : Text["Organisation.Deactivated", person.DisplayName, person.Email];

    private string? ErrorOf(string field) =>
        _errors.TryGetValue(field, out var message) ? (Text[message] is { ResourceNotFound: false } text ? text.Value : message) : null;

    private void StartCreate(OrganisationUnit unit)
    {
        Cancel();
        _form = new OrganisationForm { Unit = unit, Choices = unit == OrganisationUnit.Department ? [] : _commissioners };
    }

    private void StartEdit(DepartmentRow row)
    {
        Cancel();
        _form = new OrganisationForm
        {
            Unit = OrganisationUnit.Department, Id = row.Id, Label = row.Name, Code = row.Code, Name = row.Name, PersonId = row.Head?.Id,
            Choices = WithCurrent(row.Handlers, row.Head),
        };
    }

    private void StartEdit(OrganisationUnit unit, RoutingDefaultRow row)
    {
        Cancel();
        _form = new OrganisationForm
        {
            Unit = unit, Id = row.Id, Label = row.Name, Name = row.Name, PersonId = row.DefaultCommissioner?.Id,
            Choices = WithCurrent(_commissioners, row.DefaultCommissioner),
        };
    }

    /// <summary>The people offered, and the one named now even if no longer eligible, so the picker shows who it is.</summary>
    private static IReadOnlyList<OrganisationPerson> WithCurrent(IReadOnlyList<OrganisationPerson> eligible, OrganisationPerson? current) =>
        current is null || eligible.Any(p => p.Id == current.Id) ? eligible : [.. eligible, current];

    private void Cancel()
    {
        _form = null;
        _done = null;
        _errors = new Dictionary<string, string>();
    }

    private async Task SaveAsync()
    {
        if (_form is not { } form || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var outcome = form.Unit switch
            {
                OrganisationUnit.Department => await Organisation.SaveDepartmentAsync(_admin, form.Id, new DepartmentInput(form.Code, form.Name, form.PersonId)),
                OrganisationUnit.Park => await Organisation.SaveParkAsync(_admin, form.Id, new RoutingDefaultInput(form.Name, form.PersonId)),
                OrganisationUnit.Industry => await Organisation.SaveIndustryAsync(_admin, form.Id, new RoutingDefaultInput(form.Name, form.PersonId)),
                _ => throw new InvalidOperationException(),
            };
            _errors = outcome.Errors;
            if (outcome.Succeeded)
            {
                _done = Text[$"Organisation.Done.{(form.Id is null ? "Created" : "Changed")}", form.Name?.Trim() ?? ""];
                _form = null;
                await ReloadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class OrganisationForm
    {
        public required OrganisationUnit Unit { get; init; }

        public int? Id { get; init; }

        /// <summary>The name before editing, for the form's heading.</summary>
        public string Label { get; init; } = "";

        public string? Code { get; set; }

        public string? Name { get; set; }

        /// <summary>The department's head, or the park's or industry's default commissioner.</summary>
        public string? PersonId { get; set; }

        public IReadOnlyList<OrganisationPerson> Choices { get; init; } = [];
    }
}
