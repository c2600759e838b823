using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Organisation;
using Portal.Domain.Requests;
using Portal.Domain.TimeLimits;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Admin;

/// <summary>
/// 诉求类别与时限: the categories listed, created and changed (code, name, description, lead department, active), and
/// each one's time limits per urgency edited. Every refusal is shown beside its field in the user's language and
/// what was typed stays.
/// </summary>
public sealed partial class CategoriesPage
{
    [Inject]
    private CategoryAdministration Categories { get; set; } = default!;

    [Inject]
    private IStringLocalizer<AdminResource> Text { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RefusalResource> Refusal { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>What the first (prerendered) run loaded, handed to the interactive run.</summary>
    [PersistentState]
    public CategoriesData? Data { get; set; }

    private PortalUser _admin = default!;
    private List<CategoryRow> _rows = [];
    private IReadOnlyList<DepartmentOption> _departments = [];
    private bool _loaded;
    private bool _busy;
    private string? _done;
    private IReadOnlyDictionary<string, DomainException> _errors = new Dictionary<string, DomainException>();
    private CategoryForm? _form;
    private PolicyForm? _policy;

    protected override async Task OnInitializedAsync()
    {
        _admin = (await Authentication).User.ToPortalUser();
        Data ??= new CategoriesData(await Categories.ListAsync(_admin), await Categories.DepartmentsAsync(_admin));
        _rows = [.. Data.Rows];
        _departments = Data.Departments;
        _loaded = true;
    }

    private async Task ReloadAsync()
    {
        _rows = [.. await Categories.ListAsync(_admin)];
        Data = Data! with { Rows = _rows };
    }

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var refusal) ? Refusal.Describe(refusal) : null;

    private void StartCreate()
    {
        Cancel();
        _form = new CategoryForm { IsActive = true };
    }

    private void StartEdit(CategoryRow row)
    {
        Cancel();
        _form = new CategoryForm
        {
            CategoryId = row.Id, Code = row.Code, Name = row.Name, Description = row.Description, LeadDepartmentId = row.LeadDepartmentId, IsActive = row.IsActive,
        };
    }

    private async Task StartPolicyAsync(CategoryRow row, Urgency urgency)
    {
        Cancel();
        if (await Categories.PolicyAsync(_admin, row.Id, urgency) is not { } policy)
        {
            _errors = new Dictionary<string, DomainException> { [""] = new(CategoryRefusals.NotFound, "该诉求类别不存在") };
            return;
        }
        _policy = new PolicyForm
        {
            CategoryId = row.Id,
            CategoryName = row.Name,
            Urgency = urgency,
            Targets = [.. policy.Targets.Select(t => new TargetForm { Target = t.Target, Amount = t.Amount, Unit = t.Unit })],
            MaxExtensions = policy.MaxExtensions,
        };
    }

    private void Cancel()
    {
        _form = null;
        _policy = null;
        _done = null;
        _errors = new Dictionary<string, DomainException>();
    }

    private async Task SaveCategoryAsync()
    {
        if (_form is not { } form || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var input = new CategoryInput(form.Code, form.Name, form.Description, form.LeadDepartmentId, form.IsActive);
            var outcome = form.CategoryId is { } id ? await Categories.ChangeAsync(_admin, id, input) : await Categories.CreateAsync(_admin, input);
            _errors = outcome.Refusals;
            if (outcome.Succeeded)
            {
                _done = Text[form.CategoryId is null ? "Categories.Done.Created" : "Categories.Done.Changed", form.Name?.Trim() ?? ""];
                _form = null;
                await ReloadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SavePolicyAsync()
    {
        if (_policy is not { } policy || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var input = new PolicyInput([.. policy.Targets.Select(t => new PolicyTarget(t.Target, t.Amount, t.Unit))], policy.MaxExtensions);
            var outcome = await Categories.ChangePolicyAsync(_admin, policy.CategoryId, policy.Urgency, input);
            _errors = outcome.Refusals;
            if (outcome.Succeeded)
            {
                _done = Text["Categories.Done.Policy", policy.CategoryName, Text["Categories.Urgency." + policy.Urgency]];
                _policy = null;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class CategoryForm
    {
        public int? CategoryId { get; init; }

        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public int? LeadDepartmentId { get; set; }

        public bool IsActive { get; set; }
    }

    private sealed class PolicyForm
    {
        public required int CategoryId { get; init; }

        public required string CategoryName { get; init; }

        public required Urgency Urgency { get; init; }

        public required IReadOnlyList<TargetForm> Targets { get; init; }

        public int MaxExtensions { get; set; }
    }

    private sealed class TargetForm
    {
        public required TimeLimitTarget Target { get; init; }

        public int Amount { get; set; }

        public TimeLimitUnit Unit { get; set; }
    }
}

/// <summary>What the page shows first, in plain values that survive the hand-over from prerendering.</summary>
public sealed record CategoriesData(IReadOnlyList<CategoryRow> Rows, IReadOnlyList<DepartmentOption> Departments);
