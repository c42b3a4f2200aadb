using System.Text.Json;
using ScenarioCallers;

namespace Delivery.Tests;

/// <summary>What the command reads from the answers of the AWS CLI, and how it tells a failed step, in-process.</summary>
public sealed class UserPoolAnswersTests
{
    [Fact]
    public void A_sign_in_gives_the_access_token()
    {
        Assert.Equal(("eyJ.a.b", "none"), UserPool.ReadSignIn("""{"ChallengeParameters":{},"AuthenticationResult":{"AccessToken":"eyJ.a.b","ExpiresIn":3600}}"""));
    }

    [Theory]
    [InlineData("""{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"s"}""", "NEW_PASSWORD_REQUIRED")]
    [InlineData("""{"AuthenticationResult":{"AccessToken":""}}""", "none")]
    [InlineData("not json", "none")]
    [InlineData("[]", "none")]
    public void A_sign_in_without_an_access_token_names_the_challenge_asked_instead(string answer, string challenge)
    {
        Assert.Equal((null, challenge), UserPool.ReadSignIn(answer));
    }

    [Fact]
    public void Only_the_users_whose_name_starts_with_the_prefix_are_read_from_a_listing()
    {
        const string Listing = """{"Users":[{"Username":"scenario-r1-staff"},{"Username":"scenario-r11-staff"},{"Username":"alice"},{"Username":"scenario-r1-customer-1"}]}""";

        Assert.Equal(["scenario-r1-staff", "scenario-r1-customer-1"], UserPool.ReadUserNames(Listing, "scenario-r1-"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Users":null}""")]
    [InlineData("""{"Users":[]}""")]
    public void A_listing_without_users_has_none(string listing)
    {
        Assert.Empty(UserPool.ReadUserNames(listing, "scenario-r1-"));
    }

    [Theory]
    [InlineData("Unable to locate credentials")]
    [InlineData("[]")]
    [InlineData("""{"Users":{}}""")]
    public void An_answer_that_is_no_listing_is_refused(string answer)
    {
        Assert.ThrowsAny<JsonException>(() => UserPool.ReadUserNames(answer, "scenario-r1-"));
    }

    [Fact]
    public void A_failed_step_names_the_user_and_the_step_and_blanks_out_the_password()
    {
        var answer = new CliAnswer(false, "", "\nInvalid value USERNAME=u,PASSWORD=Secret-Aa1 for --auth-parameters\n");

        Assert.Equal("u: admin-initiate-auth failed: Invalid value USERNAME=u,PASSWORD=[password] for --auth-parameters",
            answer.Failure("u", "admin-initiate-auth", "Secret-Aa1"));
    }

    [Fact]
    public void A_step_that_failed_silently_says_so()
    {
        Assert.Equal("u: admin-delete-user failed: no error output", new CliAnswer(false, "", " \n").Failure("u", "admin-delete-user"));
    }
}
