using ScenarioCallers;

namespace Delivery.Tests;

/// <summary>Who the callers of a run are, and their passwords, in-process.</summary>
public sealed class CallerTests
{
    [Fact]
    public void A_run_has_its_member_of_staff_first_then_its_customers_in_order()
    {
        Assert.Equal(
            [
                new Caller("scenario-4711-2-staff", "staff"),
                new Caller("scenario-4711-2-customer-1", null),
                new Caller("scenario-4711-2-customer-2", null),
            ],
            Caller.Of("4711-2", customers: 2, staff: true));
    }

    [Fact]
    public void Without_staff_a_run_has_customers_only()
    {
        Assert.All(Caller.Of("r1", customers: 3, staff: false), caller => Assert.Null(caller.Group));
        Assert.Equal(3, Caller.Of("r1", customers: 3, staff: false).Count);
    }

    [Fact]
    public void Every_caller_of_a_run_and_no_caller_of_another_starts_with_its_prefix()
    {
        Assert.All(Caller.Of("r1", customers: 12, staff: true), caller =>
            Assert.StartsWith(Caller.Prefix("r1"), caller.UserName, StringComparison.Ordinal));
        Assert.All(Caller.Of("r11", customers: 12, staff: true), caller =>
            Assert.False(caller.UserName.StartsWith(Caller.Prefix("r1"), StringComparison.Ordinal), caller.UserName));
    }

    [Fact]
    public void Passwords_are_long_random_and_have_every_kind_of_character_a_policy_may_ask_for()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => Caller.NewPassword()).ToList();

        Assert.Equal(passwords.Count, passwords.Distinct().Count());
        Assert.All(passwords, password =>
        {
            Assert.True(password.Length >= 32, password);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.Contains(password, character => !char.IsAsciiLetterOrDigit(character));
            // a password that began with '-' would read as an option of the CLI
            Assert.True(char.IsAsciiLetterOrDigit(password[0]), password);
        });
    }
}
