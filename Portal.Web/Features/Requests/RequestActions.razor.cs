using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using MudBlazor;
using Portal.Domain;
using Portal.Domain.Attachments;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Attachments;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Requests;

/// <summary>
/// What a user may do to a request now: a button for each action the domain allows them (<see cref="Allowed"/>), each
/// opening a dialog with the labelled fields the action needs. The dialog lives in this component, so what was
/// typed, chosen or attached survives a refusal (shown in the dialog, above the fields), a lost race (the page
/// reloads the request; the dialog stays as it was) and closing the dialog; it is cleared only once the action is
/// taken. The server checks every action again. Staff also have single keys: r reply, n internal note, s sign.
/// </summary>
public sealed partial class RequestActions
{
    /// <summary>The actions a person may take on the page; the portal's own (submission, auto-close …) are never offered.</summary>
    public static readonly IReadOnlySet<RequestAction> Offered = Enum.GetValues<RequestAction>()
        .Except([RequestAction.Submit, RequestAction.AutoClose, RequestAction.RecountDeadlines, RequestAction.Escalate])
        .ToHashSet();

    /// <summary>The keys of the page's shortcuts and the action each opens, when the user may take it.</summary>
    private static readonly Dictionary<string, RequestAction> Shortcuts = new()
    {
        ["r"] = RequestAction.PublicReply,
        ["n"] = RequestAction.InternalNote,
        ["s"] = RequestAction.Sign,
    };

    private static readonly IReadOnlyList<string> ShortcutKeys = [.. Shortcuts.Keys];

    private static readonly HashSet<RequestAction> TextRequiredFor =
    [
        RequestAction.CoHandlerReply, RequestAction.AskForMaterials, RequestAction.Supplement, RequestAction.PublicReply,
        RequestAction.InternalNote, RequestAction.RequestExtension, RequestAction.DenyExtension, RequestAction.Resolve,
        RequestAction.RecordFollowUpEvaluation, RequestAction.ReviewDispute, RequestAction.Supervise,
    ];

    private static readonly HashSet<RequestAction> WithoutText =
    [
        RequestAction.Dispatch, RequestAction.HandleDirectly, RequestAction.Sign, RequestAction.Distribute, RequestAction.Reassign,
        RequestAction.AddCoHandler, RequestAction.ApproveExtension,
    ];

    [Parameter, EditorRequired]
    public string Number { get; set; } = "";

    /// <summary>The version the user sees: an action on an older one is a lost race.</summary>
    [Parameter, EditorRequired]
    public int Version { get; set; }

    [Parameter, EditorRequired]
    public IReadOnlyList<RequestAction> Allowed { get; set; } = [];

    [Parameter, EditorRequired]
    public PortalUser User { get; set; } = default!;

    /// <summary>The request's co-handling departments (staff only): whom a waiver may concern, and what a resolution waits for.</summary>
    [Parameter]
    public IReadOnlyList<CoHandlerView> CoHandlers { get; set; } = [];

    /// <summary>The working days of the extension waiting for a supervisor, if any: what an approval offers at most.</summary>
    [Parameter]
    public int? PendingExtensionDays { get; set; }

    /// <summary>After an action was taken, or the request changed under the user: the page reloads it.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private RequestService Requests { get; set; } = default!;

    [Inject]
    private ActionChoices Choices { get; set; } = default!;

    [Inject]
    private AttachmentService Attachments { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RequestResource> Text { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RefusalResource> Refusal { get; set; } = default!;

    [Inject]
    private IStringLocalizer<FilingResource> FilingText { get; set; } = default!;

    [Inject]
    private ILogger<RequestActions> Log { get; set; } = default!;

    private static readonly DialogOptions DialogOptions = new()
    {
        CloseOnEscapeKey = true, CloseButton = true, MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false,
    };

    private RequestAction? _open;
    private bool _dialogVisible;
    private ActionForm _form = new();
    private readonly Dictionary<string, string> _errors = [];
    private readonly List<string> _fileErrors = [];
    private bool _busy;
    private string? _uploading;
    private (Severity Severity, string Message)? _result;
    private (Severity Severity, string Message)? _refusal;
    private IReadOnlyList<ActionChoice<int>> _departments = [];
    private IReadOnlyList<ActionChoice<string>> _people = [];

    private IReadOnlyList<RequestAction> Shown => [.. Allowed.Where(Offered.Contains)];

    /// <summary>Why the handler cannot resolve yet: the co-handlers who still owe their reply.</summary>
    private string? CoHandlerHint =>
        (Allowed.Contains(RequestAction.AskForMaterials) || Allowed.Contains(RequestAction.RequestExtension))
        && !Allowed.Contains(RequestAction.Resolve)
        && CoHandlers.Where(c => !c.Settled).Select(c => c.Department).ToList() is { Count: > 0 } waiting
            ? Text["Actions.ResolveWaits", string.Join("、", waiting)].Value
            : null;

    private async Task OpenAsync(RequestAction action)
    {
        if (_open != action)
        {
            _open = action;
            _form = new();
            _errors.Clear();
            _fileErrors.Clear();
            if (action == RequestAction.ApproveExtension)
            {
                _form.Days = PendingExtensionDays;
            }
            if (CarriesFiles(action))
            {
                // Files added to a message that was never sent (the page was left) wait with the request: offer them again.
                _form.Files.AddRange(await Attachments.MessageDraftAsync(User, Number));
            }
        }
        _refusal = null;
        _result = null;
        _dialogVisible = true;
        switch (action)
        {
            case RequestAction.Dispatch or RequestAction.Transfer or RequestAction.AddCoHandler when _departments.Count == 0:
                _departments = await Choices.DepartmentsAsync(User);
                break;
            case RequestAction.Distribute:
                _people = await Choices.HandlersAsync(User);
                break;
            case RequestAction.Reassign:
                _people = await Choices.CommissionersAsync(User);
                break;
        }
    }

    private void Close() => _dialogVisible = false;

    private async Task OnShortcutAsync(string key)
    {
        if (!_dialogVisible && Shortcuts.TryGetValue(key, out var action) && Allowed.Contains(action))
        {
            await OpenAsync(action);
        }
    }

    private async Task SubmitAsync()
    {
        if (_open is not { } action || _busy || !Allowed.Contains(action))
        {
            return;
        }
        _errors.Clear();
        _refusal = null;
        _result = null;
        Validate(action);
        if (_errors.Count > 0)
        {
            return;
        }
        _busy = true;
        try
        {
            await TakeAsync(action);
            _dialogVisible = false;
            _open = null;
            _form = new();
            _result = (Severity.Success, Text["Actions.Done." + action]);
            await Changed.InvokeAsync();
        }
        catch (RequestChangedException)
        {
            _refusal = (Severity.Warning, Text["Actions.Changed"]);
            _result = _refusal;
            await Changed.InvokeAsync();
        }
        catch (RequestNotFoundException)
        {
            _dialogVisible = false;
            _result = (Severity.Error, Text["Page.NotFound"]);
            await Changed.InvokeAsync();
        }
        catch (DomainException refused)
        {
            _refusal = (Severity.Error, Refusal.Describe(refused));
        }
        finally
        {
            _busy = false;
        }
    }

    private Task TakeAsync(RequestAction action)
    {
        var text = _form.Text;
        var files = _form.Files.Select(f => f.Id).ToList();
        return action switch
        {
            RequestAction.Dispatch => Requests.DispatchAsync(User, Number, Version, _form.DepartmentId!.Value),
            RequestAction.HandleDirectly => Requests.HandleDirectlyAsync(User, Number, Version),
            RequestAction.Sign => Requests.SignAsync(User, Number, Version),
            RequestAction.Return => Requests.ReturnAsync(User, Number, Version, _form.ReturnReason!.Value, text),
            RequestAction.Transfer => Requests.TransferAsync(User, Number, Version, _form.DepartmentId!.Value, text),
            RequestAction.Distribute => Requests.DistributeAsync(User, Number, Version, _form.PersonId!),
            RequestAction.Reassign => Requests.ReassignAsync(User, Number, Version, _form.PersonId!),
            RequestAction.AddCoHandler => Requests.AddCoHandlerAsync(User, Number, Version, _form.DepartmentId!.Value),
            RequestAction.CoHandlerReply => Requests.CoHandlerReplyAsync(User, Number, Version, text),
            RequestAction.WaiveCoHandlerReply => Requests.WaiveCoHandlerReplyAsync(User, Number, Version, _form.DepartmentId!.Value, text),
            RequestAction.AskForMaterials => Requests.AskForMaterialsAsync(User, Number, Version, text),
            RequestAction.Supplement => Requests.SupplementAsync(User, Number, Version, text),
            RequestAction.PublicReply => Requests.PublicReplyAsync(User, Number, Version, text, files),
            RequestAction.InternalNote => Requests.InternalNoteAsync(User, Number, Version, text, files),
            RequestAction.RequestExtension => Requests.RequestExtensionAsync(User, Number, Version, _form.Days!.Value, text),
            RequestAction.ApproveExtension => Requests.ApproveExtensionAsync(User, Number, Version, _form.Days!.Value),
            RequestAction.DenyExtension => Requests.DenyExtensionAsync(User, Number, Version, text),
            RequestAction.Resolve => Requests.ResolveAsync(User, Number, Version, text, files),
            RequestAction.Evaluate => Requests.EvaluateAsync(User, Number, Version, _form.Solved!.Value, _form.Satisfaction!.Value, text),
            RequestAction.RecordFollowUpEvaluation =>
                Requests.RecordFollowUpEvaluationAsync(User, Number, Version, _form.Solved!.Value, _form.Satisfaction!.Value, text),
            RequestAction.ReviewDispute => Requests.ReviewDisputeAsync(User, Number, Version, _form.Upheld!.Value, text),
            RequestAction.Withdraw => Requests.WithdrawAsync(User, Number, Version, text),
            RequestAction.Urge => Requests.UrgeAsync(User, Number, Version, text),
            RequestAction.Supervise => Requests.SuperviseAsync(User, Number, Version, text),
            _ => throw new InvalidOperationException($"{action} has no dialog"),
        };
    }

    private void Validate(RequestAction action)
    {
        var text = _form.Text?.Trim() ?? "";
        if (text.Length > RequestEvent.TextMaxLength)
        {
            _errors[nameof(ActionForm.Text)] = Text["Actions.TooLong", RequestEvent.TextMaxLength, text.Length];
        }
        else if (text.Length == 0 && TextRequiredFor.Contains(action))
        {
            _errors[nameof(ActionForm.Text)] = Text["Actions.TextRequired", TextLabelOf(action)!];
        }
        switch (action)
        {
            case RequestAction.Dispatch or RequestAction.Transfer or RequestAction.AddCoHandler when _form.DepartmentId is null:
                _errors[nameof(ActionForm.DepartmentId)] = Text["Actions.Field.DepartmentRequired"];
                break;
            case RequestAction.WaiveCoHandlerReply when _form.DepartmentId is null:
                _errors[nameof(ActionForm.DepartmentId)] = Text["Actions.Field.CoHandlerRequired"];
                break;
            case RequestAction.Distribute when string.IsNullOrEmpty(_form.PersonId):
                _errors[nameof(ActionForm.PersonId)] = Text["Actions.Field.HandlerRequired"];
                break;
            case RequestAction.Reassign when string.IsNullOrEmpty(_form.PersonId):
                _errors[nameof(ActionForm.PersonId)] = Text["Actions.Field.CommissionerRequired"];
                break;
            case RequestAction.Return when _form.ReturnReason is null:
                _errors[nameof(ActionForm.ReturnReason)] = Text["Actions.Field.ReturnReasonRequired"];
                break;
            case RequestAction.RequestExtension or RequestAction.ApproveExtension when _form.Days is not { } days || days < 1 || days > MaxDays(action):
                _errors[nameof(ActionForm.Days)] = Text["Actions.Field.DaysRange", MaxDays(action)];
                break;
            case RequestAction.Evaluate or RequestAction.RecordFollowUpEvaluation:
                if (_form.Solved is null)
                {
                    _errors[nameof(ActionForm.Solved)] = Text["Actions.Evaluate.SolvedRequired"];
                }
                if (_form.Satisfaction is null)
                {
                    _errors[nameof(ActionForm.Satisfaction)] = Text["Actions.Evaluate.SatisfactionRequired"];
                }
                // Whoever handles it again needs to know what is still wrong.
                if (action == RequestAction.Evaluate && (_form.Solved == false || _form.Satisfaction == Satisfaction.Unsatisfied) && text.Length == 0)
                {
                    _errors[nameof(ActionForm.Text)] = Text["Actions.Evaluate.CommentRequired"];
                }
                break;
            case RequestAction.ReviewDispute when _form.Upheld is null:
                _errors[nameof(ActionForm.Upheld)] = Text["Actions.Field.VerdictRequired"];
                break;
        }
    }

    private Task AddFilesAsync(InputFileChangeEventArgs e) => FileUploads.AddAsync(
        e, _form.Files, _fileErrors, (name, content) => Attachments.AddToMessageAsync(User, Number, name, content), Uploading, FilingText, Log);

    private void Uploading(string? fileName)
    {
        _uploading = fileName;
        StateHasChanged();
    }

    private async Task RemoveFileAsync(AttachmentInfo file)
    {
        await Attachments.RemoveFromDraftAsync(User, file.Id);
        _form.Files.Remove(file);
    }

    private static bool CarriesFiles(RequestAction action) =>
        action is RequestAction.PublicReply or RequestAction.InternalNote or RequestAction.Resolve;

    private static bool TextRequired(RequestAction action) => TextRequiredFor.Contains(action);

    private int MaxDays(RequestAction action) =>
        action == RequestAction.ApproveExtension ? PendingExtensionDays ?? ServiceRequest.MaxExtensionDays : ServiceRequest.MaxExtensionDays;

    private string? TextLabelOf(RequestAction action) => WithoutText.Contains(action) ? null : Text["Actions.Text." + action].Value;

    private string HelperOf(RequestAction action) => action switch
    {
        RequestAction.Evaluate => Text["Actions.Evaluate.CommentHelp"],
        _ when TextRequired(action) => Text["Actions.Required"],
        _ => Text["Actions.Optional"],
    };

    private string? HelpOf(RequestAction action) => Text["Actions.Help." + action] is { ResourceNotFound: false } help ? help.Value : null;

    private string? Invalid(string field) => _errors.ContainsKey(field) ? "true" : null;

    private static Color ColorOf(RequestAction action) => action switch
    {
        RequestAction.Withdraw or RequestAction.Return or RequestAction.DenyExtension => Color.Error,
        _ => Color.Primary,
    };

    /// <summary>What the open dialog holds; kept across reloads of the request and closing the dialog, until the action is taken.</summary>
    private sealed class ActionForm
    {
        public string? Text { get; set; }
        public bool? Solved { get; set; }
        public Satisfaction? Satisfaction { get; set; }
        public int? DepartmentId { get; set; }
        public string? PersonId { get; set; }
        public ReturnReason? ReturnReason { get; set; }
        public int? Days { get; set; }
        public bool? Upheld { get; set; }
        public List<AttachmentInfo> Files { get; } = [];
    }
}
