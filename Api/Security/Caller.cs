using System.Security.Claims;
using Api.Orders;

namespace Api.Security;

/// <summary>
/// Who sent a request, as its validated access token says: a customer, known by the token's subject, or a member of
/// staff (the Cognito group <see cref="StaffGroup"/>).
/// </summary>
public sealed record Caller(string Subject, bool IsStaff)
{
    public const string SubjectClaim = "sub";
    public const string GroupsClaim = "cognito:groups";
    public const string StaffGroup = "staff";

    /// <summary>The customer whose orders alone this caller may see and change; null for staff, who may see every order.</summary>
    public string? OnlyOrdersOf => IsStaff ? null : Subject;

    /// <summary>Whether the caller may see the orders of this customer.</summary>
    public bool MaySee(string customerId) => IsStaff || customerId == Subject;

    /// <summary>Whether the caller may take <paramref name="action"/> on an order they may see: customers pay and cancel, only staff ship.</summary>
    public bool MayTake(OrderAction action) => IsStaff || !StaffOnly(action);

    /// <summary>The actions whose routes require <see cref="CallerAuthentication.StaffPolicy"/>.</summary>
    public static bool StaffOnly(OrderAction action) => action is OrderAction.Ship;

    public static Caller From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(SubjectClaim) ?? throw new InvalidOperationException("An authenticated caller has no subject claim."),
            user.HasClaim(GroupsClaim, StaffGroup));

    /// <summary>Lets an endpoint take the caller as a parameter; the fallback policy has authenticated it by then.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(From(context.User));
}
