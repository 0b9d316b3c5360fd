"""English detection: paraphrases, negation, obfuscation, hard negatives and spans.

Sentences here are written for these tests (not copied from the corpus) and each names the
category it must (or must not) produce.
"""

from __future__ import annotations

import pytest

from scoring.detector import detect
from scoring.model import Kind


def cats(text: str) -> set[str]:
    return {f.category for f in detect(text, "en") if f.kind != Kind.intent}


POSITIVES = [
    # threats of arrest
    ("Keep this up and you'll end up behind bars.", "threat_arrest"),
    ("We can have the cops knock on your door tonight.", "threat_arrest"),
    ("Refusing to pay counts as fraud, and fraud gets you locked up.", "threat_arrest"),
    ("if u dont pay we will get u arrested", "threat_arrest"),
    ("You could be prosecuted over this.", "threat_arrest"),
    # violence, including veiled
    ("It would be a real pity if something happened to your car.", "threat_violence"),
    ("We know where you live.", "threat_violence"),
    ("Things might get ugly if this isn't paid.", "threat_violence"),
    ("I'll break your legs.", "threat_violence"),
    # legal action, US and UK vocabulary
    ("We'll garnish your paycheck starting next month.", "threat_legal_action"),
    ("Pay by Friday or we'll issue county court proceedings.", "threat_legal_action"),
    ("The bailiffs will be round to take your TV.", "threat_legal_action"),
    ("Nobody wants the sheriff at their door.", "threat_legal_action"),
    ("Do you fancy getting a CCJ?", "threat_legal_action"),
    ("Your account is being handed over to our solicitors today.", "threat_legal_action"),
    ("Don't make me send the sheriff.", "threat_legal_action"),
    ("The letter says you could be sued.", "threat_legal_action"),
    # abuse, obfuscated
    ("You absolute m0ron.", "abusive_language"),
    ("What a f*cking joke this is.", "abusive_language"),
    ("You're a dead\u200bbeat.", "abusive_language"),
    ("ＩＤＩＯＴ", "abusive_language"),
    ("you stuuupid cow", "abusive_language"),
    ("s h i t", "abusive_language"),
    # shaming
    ("I'll be telling your boss about this.", "shaming_threat"),
    ("How would your neighbours react if they knew?", "shaming_threat"),
    ("It would be a shame if your family heard about this from someone else.", "shaming_threat"),
    ("We'll post your name on Facebook.", "shaming_threat"),
    # impersonation / pretext / misrepresentation
    ("I'm calling on behalf of the county court.", "impersonation"),
    ("This is Sergeant Cole speaking.", "impersonation"),
    ("I'm calling about a parcel we couldn't deliver.", "pretext"),
    ("Congratulations, you've won a prize draw!", "pretext"),
    ("This will stay on your credit report forever.", "misrepresentation"),
    ("You're not allowed to dispute this.", "misrepresentation"),
    ("Your kids will inherit this debt.", "misrepresentation"),
    # harassment / borrowing / fees
    ("We'll ring you every hour until you pay.", "harassment"),
    ("Our calls won't stop until this is cleared.", "harassment"),
    ("Why not ask your parents to lend you the money?", "pressure_to_borrow"),
    ("You could always take out a payday loan.", "pressure_to_borrow"),
    ("Sell the car if you have to.", "pressure_to_borrow"),
    ("There's a £40 admin fee for this call.", "unauthorized_fee"),
    ("We're adding a processing charge to your balance.", "unauthorized_fee"),
    # required conduct
    ("Hi, it's Sam from Northbank.", "self_identification"),
    ("Can you confirm your postcode for me?", "identity_verification"),
    ("This is an attempt to collect a debt and any information obtained will be used for that purpose.",
     "debt_collector_disclosure"),
    ("I'm ringing about the arrears on your loan.", "debt_collector_disclosure"),
    ("What's your take-home pay each month?", "affordability_check"),
    ("What do your essential outgoings come to?", "affordability_check"),
    ("We could set up an instalment plan.", "hardship_options"),
    ("We can freeze the interest while you get back on your feet.", "hardship_options"),
    ("National Debtline offer free advice.", "debt_advice_signpost"),
    ("You can get free, independent debt advice from Citizens Advice.", "debt_advice_signpost"),
    ("So to confirm, $150 on the 1st of each month by direct debit.", "agreement_confirmation"),
    # empathy positive
    ("That sounds incredibly stressful.", "acknowledge_feeling"),
    ("I'm so sorry to hear about your husband.", "sympathy"),
    ("Anyone would feel anxious in your position.", "validate"),
    ("We'll work something out together.", "reassure"),
    ("Nobody is going to arrest you.", "reassure"),
    ("I won't call your employer.", "reassure"),
    ("What's been going on for you lately?", "open_question"),
    ("Would it help if I moved your payment date?", "offer_help"),
    ("Thanks for your patience.", "courtesy"),
    # empathy negative
    ("You should have thought about that before you borrowed.", "blame"),
    ("That's not my problem.", "dismiss"),
    ("Oh sure, the cheque is in the post.", "sarcasm"),
    ("Let me explain this slowly.", "condescension"),
    ("Just give me a yes or no.", "rushing"),
    ("PAY WHAT YOU OWE NOW", "shouting"),
    ("Answer me!!", "shouting"),
    ("Shut up and listen.", "shouting"),
]


@pytest.mark.parametrize(("text", "category"), POSITIVES)
def test_detects(text: str, category: str) -> None:
    assert category in cats(text)


VIOLATIONS = {
    "threat_violence", "threat_arrest", "threat_legal_action", "abusive_language", "shaming_threat",
    "impersonation", "pretext", "misrepresentation", "harassment", "pressure_to_borrow", "unauthorized_fee",
}

HARD_NEGATIVES = [
    "I'm not calling to threaten you.",
    "You can dispute this debt.",
    "You may want to speak to a lawyer.",
    "You have the right to complain.",
    "We won't contact your employer.",
    "The court process isn't something we're pursuing.",
    "We don't charge any fees for setting up a plan.",
    "I won't call your employer.",
    "Nobody is going to arrest you.",
    "We would never threaten you.",
    "You will not be taken to court for this.",
    "Our stupid system crashed again, sorry about that.",
    "Scunthorpe branch will process it.",
    "The assessment took a while.",
    "Can I count on you for the 15th?",
    "Courtesy of the hardship team, the interest is frozen.",
    "Please don't borrow money to pay us.",
    "There are no extra charges on a payment plan.",
    "We only call between 8am and 9pm.",
    "Paying $150 by 9pm works for us.",
    "If you ever get court papers, you have the right to respond.",
    "Your wages are safe.",
    "There is no warrant and there never will be.",
]


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_carry_no_violation(text: str) -> None:
    assert not (cats(text) & VIOLATIONS), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("If you don't pay we'll have you arrested.", "threat_arrest"),
        ("You won't like what happens when the police show up.", "threat_arrest"),
        ("Don't think we won't take you to court.", "threat_legal_action"),
        ("I'm not saying we'll tell your family, but we could.", "shaming_threat"),
        ("We won't hesitate to send the bailiffs.", "threat_legal_action"),
        ("You don't pay, you get hurt.", "threat_violence"),
        # a promise withheld does not deny the threat
        ("I can't promise you the police won't come knocking if this drags on.", "threat_arrest"),
        ("I can't guarantee the bailiffs won't come round.", "threat_legal_action"),
        ("I cannot promise you that the cops won't be called.", "threat_arrest"),
        ("Can't guarantee nobody turns up to arrest you.", "threat_arrest"),
    ],
)
def test_negation_that_does_not_cancel(text: str, category: str) -> None:
    assert category in cats(text)


def test_spans_point_into_the_original_text() -> None:
    text = "Listen, you ＩＤ1ＯＴ, we'll  have you\u200b ARRESTED."
    found = {f.category: f for f in detect(text, "en")}
    abuse = found["abusive_language"]
    assert text[abuse.span.start : abuse.span.end] == abuse.text == "ＩＤ1ＯＴ"
    arrest = found["threat_arrest"]
    assert arrest.text == text[arrest.span.start : arrest.span.end]
    assert arrest.text.endswith("ARRESTED")


def test_findings_are_sorted_deterministic_and_unannotated() -> None:
    text = "Thanks for calling. You owe $900, pay now or we'll sue you, you idiot!!"
    first = detect(text, "en")
    assert first == detect(text, "en")
    assert [f.span.start for f in first] == sorted(f.span.start for f in first)
    assert all(f.severity is None and f.rule is None and f.tip is None for f in first)
    assert {"courtesy", "threat_legal_action", "abusive_language", "shouting"} <= {f.category for f in first}


def test_intents_for_the_scorecard() -> None:
    text = "You owe us $1,860 on your card. Can you pay it today?"
    found = {f.category: f.kind for f in detect(text, "en")}
    assert found.get("mentions_debt") == Kind.intent
    assert found.get("payment_request") == Kind.intent
    assert "mentions_debt" not in {f.category for f in detect("Is Maria there, please?", "en")}


def test_single_capitalised_word_is_not_shouting() -> None:
    assert "shouting" not in cats("You could be ARRESTED for this.")
    assert "shouting" not in cats("Your FDCPA rights are on the letter.")


def test_empty_and_huge_input() -> None:
    assert detect("", "en") == []
    assert isinstance(detect("you idiot " * 100_000, "en"), list)


# A second set of paraphrases written in other styles (UK/US, chat spelling, veiled, long).
MORE_POSITIVES = [
    ("Carry on like this and you'll be explaining yourself to a police officer.", 'threat_arrest'),
    ("There's a real chance of criminal proceedings here.", 'threat_arrest'),
    ('You do realise people go to prison for this sort of thing?', 'threat_arrest'),
    ('the cops will be at ur door by tmrw', 'threat_arrest'),
    ("I'll be forced to involve the police.", 'threat_arrest'),
    ("I'd watch yourself walking home at night.", 'threat_violence'),
    ('Someone might pay your family a visit.', 'threat_violence'),
    ("Your kids walk to school alone, don't they?", 'threat_violence'),
    ("Pay or we'll make you regret it.", 'threat_violence'),
    ("It'd be terrible if your windows got smashed.", 'threat_violence'),
    ("We're prepared to take this all the way to court.", 'threat_legal_action'),
    ('A county court claim will be issued unless we hear from you.', 'threat_legal_action'),
    ("We'll have no option but to instruct enforcement agents.", 'threat_legal_action'),
    ('We could get an attachment of earnings order against your wages.', 'threat_legal_action'),
    ('Expect a summons in the post.', 'threat_legal_action'),
    ('The next step is a judgment against you.', 'threat_legal_action'),
    ('We will put a lien on your house.', 'threat_legal_action'),
    ("They'll repossess your car if this isn't sorted.", 'threat_legal_action'),
    ('Listen, you useless waste of space.', 'abusive_language'),
    ('Stop wasting my bloody time.', 'abusive_language'),
    ("You're nothing but a scrounger.", 'abusive_language'),
    ('what a pathetic excuse', 'abusive_language'),
    ("You're an absolute muppet.", 'abusive_language'),
    ('This is such b.s., you dimwit.', 'abusive_language'),
    ('Your employer might be interested to hear about this.', 'shaming_threat'),
    ("We'll be in touch with your relatives next.", 'shaming_threat'),
    ('Everyone at your church will hear about your debts.', 'shaming_threat'),
    ('Maybe I should give your wife a call and explain.', 'shaming_threat'),
    ("We'll put you on our public list of debtors.", 'shaming_threat'),
    ("I'm an officer of the court.", 'impersonation'),
    ('We act on behalf of the Department of Justice.', 'impersonation'),
    ('This is a call from your local magistrates.', 'impersonation'),
    ("I'm your court-appointed enforcement officer.", 'impersonation'),
    ("As a federal agent, I'm required to inform you.", 'impersonation'),
    ("We're just updating our records for a survey, what's your employer's name?", 'pretext'),
    ("I've got a gift card for you, just need your address.", 'pretext'),
    ("If you don't pay, your credit score will be zero.", 'misrepresentation'),
    ('The debt will follow your children after you die.', 'misrepresentation'),
    ('By law you have to pay us today.', 'misrepresentation'),
    ('A default stays on your file for life.', 'misrepresentation'),
    ("I'll keep ringing until you answer.", 'harassment'),
    ('Expect calls morning, noon and night.', 'harassment'),
    ("We'll be on your doorstep every evening.", 'harassment'),
    ("Can't your brother lend you it?", 'pressure_to_borrow'),
    ('Just stick it on a credit card.', 'pressure_to_borrow'),
    ('Pawn something if you have to.', 'pressure_to_borrow'),
    ('Get a quick loan online and pay us today.', 'pressure_to_borrow'),
    ('Every call we make costs you an extra £15.', 'unauthorized_fee'),
    ("We'll be charging you a recovery fee of $100.", 'unauthorized_fee'),
    ("There's a penalty of $50 for paying late on the plan.", 'unauthorized_fee'),
    ('Morning, Chris here from Oakwood Finance.', 'self_identification'),
    ('My name is Hannah Patel and I work for Greenfield Collections.', 'self_identification'),
    ('Please can you confirm your full name and date of birth?', 'identity_verification'),
    ("Just to make sure I'm speaking to the right person, what's your postcode?", 'identity_verification'),
    ("I'm calling from a debt collection agency about an outstanding balance.", 'debt_collector_disclosure'),
    ('This communication is from a debt collector.', 'debt_collector_disclosure'),
    ('Roughly what do you spend on rent and bills each month?', 'affordability_check'),
    ('How much is coming in every month at the moment?', 'affordability_check'),
    ('We could pause payments for three months.', 'hardship_options'),
    ('We can accept a lower monthly payment for now.', 'hardship_options'),
    ("There's our hardship scheme you could apply for.", 'hardship_options'),
    ('StepChange can give you free debt advice.', 'debt_advice_signpost'),
    ('Have you thought about speaking to a free debt adviser?', 'debt_advice_signpost'),
    ("Right, so that's £75 every Friday by standing order starting next week.", 'agreement_confirmation'),
    ('Let me just read that back: $200 on the 15th, paid by card.', 'agreement_confirmation'),
    ("I can tell you're really worried about this.", 'acknowledge_feeling'),
    ('That must be really frightening.', 'acknowledge_feeling'),
    ("I'm sorry to hear you've been unwell.", 'sympathy'),
    ('My condolences on the loss of your father.', 'sympathy'),
    ("It's completely normal to feel overwhelmed by this.", 'validate'),
    ('Plenty of people struggle after a redundancy.', 'validate'),
    ('Nothing bad is going to happen to you.', 'reassure'),
    ("We're not going to send bailiffs.", 'reassure'),
    ('No one will be contacting your work.', 'reassure'),
    ("Don't worry, we'll get this sorted.", 'reassure'),
    ("What's made it hard to keep up with the payments?", 'open_question'),
    ('How are you getting on at the moment?', 'open_question'),
    ('I can send you a form to apply for support.', 'offer_help'),
    ('Would you like me to explain your options?', 'offer_help'),
    ('Is now an ok time to talk?', 'courtesy'),
    ('Thank you for being so open with me.', 'courtesy'),
    ("Maybe you shouldn't have spent it all on holidays.", 'blame'),
    ('This is entirely your own doing.', 'blame'),
    ("I don't care about your circumstances.", 'dismiss'),
    ("Everybody has problems, that's no excuse.", 'dismiss'),
    ('Oh brilliant, another excuse.', 'sarcasm'),
    ("Wow, what a surprise, you can't pay again.", 'sarcasm'),
    ('Do you even understand what a debt is?', 'condescension'),
    ("It's not rocket science, just pay the bill.", 'condescension'),
    ("I haven't got all day, how much can you pay?", 'rushing'),
    ('Get to the point please.', 'rushing'),
    ('YOU NEED TO PAY THIS TODAY', 'shouting'),
    ('Pay it now!!!', 'shouting'),
    ('Non-payment at this level gets referred for prosecution.', 'threat_arrest'),
    ("Honestly, I'd hate to see you in handcuffs over a phone bill.", 'threat_arrest'),
    ('The fraud team will be pressing charges.', 'threat_arrest'),
    ('You could face jail time.', 'threat_arrest'),
    ("We'll report you to the police for theft.", 'threat_arrest'),
    ("Our collectors can get a bit rough with people who don't pay.", 'threat_violence'),
    ('Be a shame if anything happened to your lovely house.', 'threat_violence'),
    ("I've got people who can find you.", 'threat_violence'),
    ("You'll end up in hospital at this rate.", 'threat_violence'),
    ("If you ignore this, we'll see you in court.", 'threat_legal_action'),
    ("We'll be seeking a charging order on your property.", 'threat_legal_action'),
    ('Your bank account could be frozen by Friday.', 'threat_legal_action'),
    ('Enforcement officers will seize goods to the value of the debt.', 'threat_legal_action'),
    ('Legal proceedings start Monday unless we get payment.', 'threat_legal_action'),
    ("We're sending this to our litigation team.", 'threat_legal_action'),
    ("We'll take it out of your wages directly.", 'threat_legal_action'),
    ('You lazy sod, get a job.', 'abusive_language'),
    ("Don't give me that crap.", 'abusive_language'),
    ("You're a complete joke.", 'abusive_language'),
    ('Stop lying, you cheat.', 'abusive_language'),
    ('What kind of idiot ignores six letters?', 'abusive_language'),
    ("Shall I ask your manager why you can't pay your bills?", 'shaming_threat'),
    ("We'll write to everyone on your street.", 'shaming_threat'),
    ('Your colleagues will find out one way or another.', 'shaming_threat'),
    ("I'll mention it to your landlord when I speak to him.", 'shaming_threat'),
    ("I'm a solicitor acting for Northbank.", 'impersonation'),
    ("I'm calling from the fraud department of the police.", 'impersonation'),
    ("We're part of the government's debt recovery unit.", 'impersonation'),
    ("Hi, it's the school calling, is this Jane's mum?", 'pretext'),
    ("I'm from the council and need to check who lives there.", 'pretext'),
    ("We've already won the case against you.", 'misrepresentation'),
    ('Your spouse is legally liable for your debts.', 'misrepresentation'),
    (
        "This is your last chance, after today it goes to court automatically and you'll lose your home.",
        'misrepresentation',
    ),
    ("Don't bother blocking us, we have plenty of numbers.", 'harassment'),
    ("We'll call you at work every day until this is paid.", 'harassment'),
    ("I'll be calling you again in an hour, and the hour after that.", 'harassment'),
    ('Have you thought about a loan from your bank?', 'pressure_to_borrow'),
    ('Borrow it off a mate and pay him back later.', 'pressure_to_borrow'),
    ('We charge £25 every time we have to call you.', 'unauthorized_fee'),
    ("That'll be an extra fifty pounds for the paperwork.", 'unauthorized_fee'),
    ('A £60 fee applies for using a payment plan.', 'unauthorized_fee'),
    ("Hello, you're through to Mark at Summit Credit.", 'self_identification'),
    ("It's Lucy calling on behalf of Harbor Bank.", 'self_identification'),
    ('Can I just take your date of birth please?', 'identity_verification'),
    ('Who am I speaking to, please?', 'identity_verification'),
    ("I'm ringing about your overdue council tax.", 'debt_collector_disclosure'),
    ("We're contacting you because your loan is in arrears.", 'debt_collector_disclosure'),
    ('How much do you have left once the bills are paid?', 'affordability_check'),
    ('Do you have any dependants or other debts?', 'affordability_check'),
    ('We could reduce your payments to something more manageable.', 'hardship_options'),
    ('A payment holiday might give you some breathing room.', 'hardship_options'),
    ('MoneyHelper has free, impartial guidance.', 'debt_advice_signpost'),
    ('A nonprofit credit counselor could help you budget.', 'debt_advice_signpost'),
    ("Okay, so we've agreed £50 a week starting this Friday.", 'agreement_confirmation'),
    ("To recap, you'll pay $300 by debit card on March 3rd.", 'agreement_confirmation'),
    ('You sound really stressed.', 'acknowledge_feeling'),
    ("I can imagine that's been really hard.", 'acknowledge_feeling'),
    ("I'm sorry you've had such a tough time.", 'sympathy'),
    ("That's awful news, I'm sorry.", 'sympathy'),
    ("It's understandable you'd be angry about this.", 'validate'),
    ('Your frustration is completely fair.', 'validate'),
    ("There's no risk of anyone coming to your house.", 'reassure'),
    ("You won't lose your home over this.", 'reassure'),
    ("We're not going to take any legal action.", 'reassure'),
    ('No one is going to come and take your things.', 'reassure'),
    ("Can you tell me what's been happening with work?", 'open_question'),
    ('What would a realistic payment look like for you?', 'open_question'),
    ("I'll email you the details of our hardship team.", 'offer_help'),
    ('Would it help to talk through your options?', 'offer_help'),
    ('Thanks so much for your time today.', 'courtesy'),
    ('I appreciate you picking up.', 'courtesy'),
    ('You only have yourself to blame.', 'blame'),
    ('You knew the terms when you signed up.', 'blame'),
    ("Your excuses don't change what you owe.", 'dismiss'),
    ("I've heard every excuse in the book.", 'dismiss'),
    ("Oh sure, and I'm a millionaire.", 'sarcasm'),
    ('Great, so you just forgot for six months?', 'sarcasm'),
    ("Let me break it down for you, since you clearly don't get it.", 'condescension'),
    ("It's really not that hard, is it?", 'condescension'),
    ("Quickly please, I've got a queue of calls.", 'rushing'),
    ("Enough chat, when's the money coming?", 'rushing'),
    ('I SAID PAY THE BALANCE', 'shouting'),
    ('Stop interrupting me!!', 'shouting'),
    ("Your children can't inherit this debt.", 'reassure'),
    ("You won't be arrested for this.", 'reassure'),
    ("There's no chance of bailiffs.", 'reassure'),
    ("Nothing's going to happen to your car.", 'reassure'),
    ("I'd be worried too in your shoes.", 'validate'),
    ("You're absolutely right to ask for proof.", 'validate'),
    ('This all sounds overwhelming.', 'acknowledge_feeling'),
    ('I can hear how upset you are.', 'acknowledge_feeling'),
    ("I'm so sorry about your diagnosis.", 'sympathy'),
    ("That's really rotten luck.", 'sympathy'),
    ("What happened with your job, if you don't mind me asking?", 'open_question'),
    ("Tell me more about what's going on.", 'open_question'),
    ('Sorry to keep you waiting.', 'courtesy'),
    ('Would you mind if I asked a few questions?', 'courtesy'),
    ('I can put you in touch with our vulnerable customers team.', 'offer_help'),
    ("Let's see what we can do to make this easier.", 'offer_help'),
    ('We could set up smaller monthly payments.', 'hardship_options'),
    ('We can hold the account for 60 days.', 'hardship_options'),
    ('What are your monthly outgoings like?', 'affordability_check'),
    ('Can you walk me through your income and expenses?', 'affordability_check'),
    ("Citizens Advice could help you with a budget, and it's free.", 'debt_advice_signpost'),
    ("Just so we're clear: £120 on the 28th of each month via direct debit.", 'agreement_confirmation'),
    (
        "Could I take the first line of your address to check I've got the right person?",
        'identity_verification',
    ),
    ("Good evening, I'm Priya, calling from Westgate Finance.", 'self_identification'),
    ('This is a call from a debt collector regarding your account.', 'debt_collector_disclosure'),
    ('Well, you did take the loan out.', 'blame'),
    ("If you'd answered our letters we wouldn't be here.", 'blame'),
    ("That's not really our concern.", 'dismiss'),
    ('Whatever, can you pay or not?', 'dismiss'),
    ("Oh, so now you're suddenly broke?", 'sarcasm'),
    ('Try to keep up, love.', 'condescension'),
    ("I don't need your life story.", 'rushing'),
    ('ARE YOU LISTENING TO ME', 'shouting'),
    ("We'll be going down the legal route if this carries on.", 'threat_legal_action'),
    ('Our lawyers are ready to act.', 'threat_legal_action'),
    ('This is fraud, and we treat it as such.', 'misrepresentation'),
    ('Accidents happen, you know.', 'threat_violence'),
    ('People at work will know soon enough.', 'shaming_threat'),
    ('What a joke of a person you are.', 'abusive_language'),
    ("We're going to keep calling, day in, day out.", 'harassment'),
    ('A tracing fee has been added because we had to find you.', 'unauthorized_fee'),
    ('Put it on your overdraft and sort it out later.', 'pressure_to_borrow'),
    ("Once it's in collections, you can never get a mortgage.", 'misrepresentation'),
    ("I'm with the county sheriff's department.", 'impersonation'),
    ("I'm calling from your GP surgery, is John there?", 'pretext'),
]


@pytest.mark.parametrize(("text", "category"), MORE_POSITIVES)
def test_detects_more_paraphrases(text: str, category: str) -> None:
    assert category in cats(text)


MORE_HARD_NEGATIVES = [
    "I'd never send anyone to your house.",
    "We don't report anyone to the police over a debt.",
    "You're not going to jail, I promise.",
    "Court action isn't on the table.",
    "We don't add fees for late payments on a plan.",
    'There are no charges for calling us.',
    'You can ask for the debt to be verified.',
    'If you want, we can send letters to your solicitor instead.',
    "Your neighbours won't know anything.",
    "I'm not going to call your mother.",
    'Nobody from our team will visit you.',
    "Please don't take out a loan to pay us.",
    'We would never ask you to sell your car.',
    "Arrest? That doesn't happen for unpaid bills.",
    'The police have nothing to do with this.',
    "We can't add interest without telling you.",
    'The judge dismissed the case last year.',
    'Are you okay to continue?',
    'Cockburn Street branch handled it.',
    "We've tried calling your mobile a couple of times.",
    "I'll call you back tomorrow at 10am as you asked.",
    'The interest rate is set out in your agreement.',
    'Your payment is due on the 1st.',
    "Your employer won't be told.",
    "If you'd like, I can explain what happens if a case ever goes to court.",
    "We haven't started any court action and we don't plan to.",
    'Your information is never shared with your employer.',
    "The police aren't involved and won't be.",
    "I'm sorry, I didn't catch that. Could you repeat it?",
    'You have 30 days to dispute the debt in writing.',
    'Late fees are set out in section 4 of your agreement.',
    'I called yesterday and left a message.',
    'Just to be clear, we are not a law firm.',
    "Selling your car isn't something we'd ever ask.",
    "We'll write to you rather than call.",
    "Debt collectors can't arrest you.",
    'Paying by card is fine, or you can use a bank transfer.',
    "If you're struggling, a loan is the last thing you need.",
    'I hope your mum feels better soon.',
    "The hardship team won't chase you while you're in hospital.",
    "We'd only ever go to court as a last resort, and we're nowhere near that.",
    "Legal action isn't something I can see happening here.",
    "I'll make sure nobody rings your workplace.",
    "There's no way we'd tell your family.",
    "You can complain to the Financial Ombudsman if you're unhappy.",
    "You can contact the CFPB if you think we've treated you unfairly.",
    "If a court ever did get involved, you'd get papers first and time to respond.",
    "The bailiffs you mentioned aren't from us.",
    "I've noted that you don't want calls at work.",
    "We can stop the interest while you're in hospital.",
    "I'd like to avoid any need for legal steps by finding a plan together.",
    'The statement shows a $25 late fee from March, which your agreement allows.',
    "Are you worried we'll call your employer? We won't.",
    'Would you like me to speak with your husband about the account? Only if you say so.',
    "We're not the police and we can't arrest anyone.",
    "You're not a criminal for being behind on a bill.",
    "Missing payments isn't a crime.",
    "We don't do home visits.",
    'The only charge is the interest in your original agreement.',
    'Your credit file shows the missed payments, and paying now will show it as settled.',
    'Someone from our team will call you back on Tuesday.',
    "If you can't afford anything right now, that's okay.",
    'You mentioned your landlord; has he been pressuring you?',
    'Has anyone threatened you about this debt?',
    "Your son isn't responsible for this debt.",
    'The judge in your divorce case set the payments, not us.',
    "Please don't feel you have to borrow from family.",
    "We're obliged to tell you that this is an attempt to collect a debt.",
    'The police report you sent has been attached to the file.',
    "You said the repo company already took the car; let's look at the shortfall.",
    'Nobody will be knocking on your door.',
    'Honestly, the worst that happens is a letter.',
    'That bloody phone line keeps dropping, sorry.',
    "We won't be adding any fees.",
    'The court fee was refunded last month.',
    'I understand you want this sorted; so do we.',
    "Your employer's name is only used to check your identity.",
    "I'm not here to threaten anyone.",
    "Is your partner aware of the arrangement? You don't have to tell them.",
    "The debt can't be passed on to your children.",
]


@pytest.mark.parametrize("text", MORE_HARD_NEGATIVES)
def test_more_hard_negatives_carry_no_violation(text: str) -> None:
    assert not (cats(text) & VIOLATIONS), text


# Session 4: lawful explanations of legal process, denials and scam warnings are not threats;
# false claims about legal status, credit and fees, and veiled threats, are violations.
S4_POSITIVES = [
    ("One call from me and your credit score drops like a stone.", "misrepresentation"),
    ("I can get your rating knocked down by lunchtime.", "misrepresentation"),
    ("Bankruptcy won't get rid of a collections account, they're exempt.", "misrepresentation"),
    ("We'll take it out of your pension without a court order.", "threat_legal_action"),
    ("No judge needs to approve it for us to empty your savings.", "misrepresentation"),
    ("Your details have already been passed to the police fraud unit.", "misrepresentation"),
    ("Your cease and desist letter won't stop us calling.", "misrepresentation"),
    ("We're not obliged to talk to your attorney at all.", "misrepresentation"),
    ("Pay it and your credit file is spotless again.", "misrepresentation"),
    ("Once it's paid no lender will ever see you were late.", "misrepresentation"),
    ("By law your son has to cover this for you.", "misrepresentation"),
    ("A default judgment was entered against you on Monday.", "misrepresentation"),
    ("That's 4% a week on top until it's cleared.", "unauthorized_fee"),
    ("Now it's with our agency, the debt has doubled.", "unauthorized_fee"),
    ("Because it's in collections you now owe twice the amount.", "unauthorized_fee"),
    ("We'll call that often you'll want to smash your phone.", "harassment"),
    ("We call whoever we like, whenever we like.", "harassment"),
    ("The deputies could pick you up at your office.", "threat_arrest"),
    ("Prison or a payment, your pick.", "threat_arrest"),
    ("Pay now or explain it to the desk sergeant.", "threat_arrest"),
    ("I'm the one choosing which of your things get taken.", "threat_legal_action"),
    ("Our litigation team files on Friday unless we hear from you.", "threat_legal_action"),
    ("Your employer is going to start docking it from your wages.", "threat_legal_action"),
    ("As your appointed enforcement agent, I'm here about the arrears.", "impersonation"),
    ("I have control over your credit score, remember that.", "misrepresentation"),
    ("Judges don't come into it, we just take it from your account.", "misrepresentation"),
    ("Clear the balance and Experian deletes the whole thing.", "misrepresentation"),
    ("Your mum's signature doesn't matter, she's liable by law.", "misrepresentation"),
    ("The order's been made against you already.", "misrepresentation"),
    ("A patrol car outside your workplace won't be a good look.", "threat_arrest"),
    ("We can nudge your credit score either way.", "misrepresentation"),
    ("Filing an IVA won't cover this debt.", "misrepresentation"),
    ("Your name has been flagged with the police already.", "misrepresentation"),
    ("Pay it and everything's erased from your file.", "misrepresentation"),
    ("We'll put an attachment of earnings on you ourselves.", "threat_legal_action"),
    ("The court has found that you owe every penny.", "misrepresentation"),
    ("I'm under no obligation to deal with your solicitor.", "misrepresentation"),
    ("The claim gets filed this afternoon unless you pay.", "threat_legal_action"),
]


@pytest.mark.parametrize(("text", "category"), S4_POSITIVES)
def test_session4_violation_constructions(text: str, category: str) -> None:
    assert category in cats(text)


S4_HARD_NEGATIVES = [
    "Only a court can order a wage deduction, and there's no court case.",
    "Freezing an account would need a judgment, and nobody has asked for one.",
    "Court papers would come from the court by post, never from a collector's phone call.",
    "Whether to sue is the creditor's call, not mine, and nothing has been filed.",
    "This debt is statute-barred, so they can't take you to court.",
    "Repossess your van? We can't do that and we're not going to.",
    "A text saying 'bailiffs tomorrow' is a scam, so please ignore it.",
    "Scammers often threaten arrest to get gift cards.",
    "We can't take anything from your wages without a court order.",
    "Your report will show the account as settled, the late payments stay for six years.",
    "Your brother isn't responsible for this debt by law.",
    "The agreement sets interest at 19% a year and that hasn't changed.",
    "The balance hasn't gone up since it came to us.",
    "I'm not a bailiff, I'm just here to talk options.",
    "Going to prison over this? That's not a thing, it's a civil debt.",
    "Seize your car? No, we're not able to do that.",
    "The bureaus only remove an entry if it was reported in error.",
]


@pytest.mark.parametrize("text", S4_HARD_NEGATIVES)
def test_session4_lawful_explanations_carry_no_violation(text: str) -> None:
    assert not (cats(text) & VIOLATIONS), text
# Session 4 (s4-en-emp): empathy constructions, each with a near-miss that must stay clean of it.
S4_EMPATHY = [
    # (text, categories it must show, categories it must not show)
    ("Nobody apart from you and me knows about this balance.", {"reassure"}, set()),
    ("If your dad answers I won't mention what I'm calling about.", {"reassure"}, set()),
    ("The most that happens next is another reminder, nothing worse than a letter.", {"reassure"}, set()),
    ("A late instalment won't automatically end the arrangement.", {"reassure"}, set()),
    ("No stress at all, honestly.", {"reassure"}, set()),
    ("I can't promise the default will vanish, but we can stop it getting any worse.", {"reassure"}, set()),
    ("Telling us about the illness won't be held against you.", {"reassure"}, set()),
    ("It doesn't matter how long it takes you.", {"reassure"}, set()),
    ("I'm not threatening you, that's simply what the contract says.", set(), {"reassure"}),
    (
        "A genuine bank will never ask you to pay with gift cards, so hang up if the police ring about it.",
        set(),
        {"reassure"},
    ),
    ("I'm honestly not here to judge anyone.", {"validate"}, {"reassure"}),
    ("In your position I'd be absolutely livid too.", {"validate"}, set()),
    ("Owing money doesn't make you a bad parent.", {"validate", "reassure"}, set()),
    ("No family should have to choose between food and a card bill.", {"validate"}, set()),
    ("You haven't done anything wrong by ringing us.", {"validate"}, set()),
    ("That must have been dreadful for the whole family.", {"sympathy"}, set()),
    ("We really hope things pick up for you in the new year.", {"sympathy"}, set()),
    ("I hope the payment goes through fine.", set(), {"sympathy"}),
    ("I totally get why you're so fed up with us.", {"acknowledge_feeling"}, set()),
    ("I know those calls must have felt really intrusive.", {"acknowledge_feeling"}, set()),
    ("Could I ask how the new job is going?", {"courtesy"}, set()),
    ("Would you like a minute? I'm happy to hold.", {"courtesy"}, set()),
    ("I'll keep it brief as I know you're at work.", {"courtesy"}, set()),
    ("Sorry, who was the letter from?", {"courtesy"}, set()),
    ("Would you prefer we emailed you rather than rang?", {"offer_help"}, set()),
    ("I can take the late fee off this month.", {"offer_help"}, set()),
    ("I can't take the late fee off, I'm afraid.", set(), {"offer_help"}),
    ("Will you let me finish?", {"rushing"}, set()),
    ("Let me finish setting up the direct debit and I'll read it back.", set(), {"rushing"}),
    ("Mm-hm. Right. Anyway, back to the balance.", {"rushing"}, set()),
    ("Right. As I said, the plan starts next month.", set(), {"rushing"}),
    ("Budget like a responsible adult for once.", {"condescension"}, set()),
    ("Any normal person would be upset by that letter.", set(), {"condescension"}),
    ("Why is paying so hard for you?", {"condescension"}, set()),
    # second round
    ("You really don't have to decide anything on this call.", {"reassure"}, set()),
    ("Have as much time as you like to think it over.", {"reassure"}, set()),
    (
        "We can freeze it from this month if the interest is what's hurting.",
        {"hardship_options", "offer_help"},
        set(),
    ),
    ("It's so disheartening, chasing a refund for weeks.", {"acknowledge_feeling"}, set()),
    ("It's frustrating for me too when our system's down.", set(), {"acknowledge_feeling"}),
    ("I'll pop a copy of the agreement in the post to you.", {"offer_help"}, set()),
    ("We'll send the paperwork to your solicitor instead.", set(), {"offer_help"}),
    ("If you get paid on a Friday I can move the payment to Friday.", {"offer_help"}, set()),
    ("Take a minute if you need, I'll wait.", {"courtesy"}, {"harassment"}),
    ("Enjoy the rest of your weekend.", {"courtesy"}, set()),
    ("You'll get your turn, I'm speaking.", {"rushing"}, set()),
    ("What part of 'overdue' don't you understand?", {"condescension"}, set()),
    (
        "I can't guarantee the bank will agree, but we can keep the interest frozen meanwhile.",
        {"reassure"},
        set(),
    ),
    ("I can't waive their fees, but I can waive ours.", set(), {"reassure"}),
    ("Lots of ordinary people find the statements confusing.", {"validate"}, set()),
    ("That's a perfectly sensible thing to ask.", {"validate"}, set()),
    # third round
    ("I'll ring you back on Tuesday afternoon.", set(), {"offer_help"}),
    ("We're not the credit bureau, but I can go through what we send them.", set(), {"offer_help"}),
    ("Your partner doesn't owe a penny of this.", {"reassure"}, set()),
    ("The agreement won't be automatically cancelled if a payment bounces.", {"reassure"}, set()),
    ("All you'll get from us this month is a statement.", {"reassure"}, set()),
    ("The monthly figure is easily manageable on your income.", {"reassure"}, set()),
    ("Any sensible person would want to check that first.", {"validate"}, {"blame"}),
    ("Sensible people would have budgeted for it.", {"blame"}, set()),
    ("Honestly, none of this is on you.", {"validate"}, {"blame"}),
    ("I understand exactly why that would worry you.", {"validate"}, set()),
    ("Oh, I'm so sorry, that's an awful lot to deal with.", {"sympathy"}, set()),
    ("We're all hoping the surgery goes well.", {"sympathy"}, set()),
    ("I hope that's alright with you.", {"courtesy"}, set()),
    ("That's hardly my fault, is it?", set(), {"courtesy"}),
    ("I'm not interested in how it happened.", {"dismiss", "rushing"}, set()),
    ("Which part of 'arrears' is so confusing?", {"condescension"}, set()),
    ("Can you read me the number at the top of the letter?", set(), {"condescension"}),
    ("Grab the letter, I'm not going anywhere.", {"reassure"}, {"harassment"}),
    # fourth round
    ("Oh no, I'm so sorry to hear about the flood.", {"sympathy"}, set()),
    ("We never talk about the account with anybody else who answers.", {"reassure"}, set()),
    ("For now it's just the odd letter, nothing else.", {"reassure"}, set()),
    ("A late payment here and there won't unravel the plan.", {"reassure"}, set()),
    ("Whatever you can spare is a good start.", {"reassure"}, set()),
    ("I honestly would've been furious too.", {"validate"}, set()),
    ("I'd be worried if you missed another payment.", set(), {"validate"}),
    ("Asking for it in writing is completely sensible.", {"validate"}, set()),
    ("No judgement here at all.", {"validate"}, set()),
    ("Struggling doesn't make you any less of a mum.", {"validate", "reassure"}, set()),
    ("What a miserable winter you've had.", {"sympathy"}, set()),
    ("I hope your son is doing okay now.", {"sympathy"}, set()),
    ("I hope the payment app is working okay now.", set(), {"sympathy"}),
    ("That's nerve-wracking, waiting on test results.", {"acknowledge_feeling"}, set()),
    ("I'll cancel the missed-payment fee for you.", {"offer_help"}, set()),
    ("We've got a refund on your charges, what's your card number?", set(), {"offer_help"}),
    ("Would this afternoon be convenient?", {"courtesy"}, set()),
    ("I don't need the ins and outs, just the amount.", {"rushing"}, set()),
    ("Is it really that hard for you?", {"condescension"}, set()),
    # fifth round
    ("What you've told me won't go any further than this call.", {"reassure"}, set()),
    ("At worst you'd get another letter from us.", {"reassure"}, set()),
    ("Even if a payment's late, the arrangement stays in place.", {"reassure"}, set()),
    ("There's no pressure from our side at all.", {"reassure"}, set()),
    ("We'll make sure the balance doesn't go up any further.", {"reassure"}, set()),
    ("We're not trying to trip you up here.", {"reassure"}, set()),
    ("Losing your job doesn't make you a bad tenant.", {"validate", "reassure"}, set()),
    ("Loads of our customers have been in the same boat.", {"validate"}, set()),
    ("Fingers crossed, I hope your dad gets the all-clear.", {"sympathy"}, set()),
    ("I'll try not to keep you long, I know you're at work.", {"courtesy"}, set()),
    ("I won't keep you long.", set(), {"courtesy"}),
    ("Even my nephew can manage a budget.", {"condescension"}, set()),
    ("What's so complicated about the due date?", {"condescension"}, set()),
    ("We'll hold off chasing until you've had the copies.", set(), {"hardship_options"}),
    ("I can't promise the judgment will come off your file.", set(), {"threat_legal_action"}),
    # sixth round
    ("There's no early repayment penalty on this account.", set(), {"reassure"}),
    ("It'd be worth getting independent legal advice on the guarantee.", set(), {"debt_advice_signpost"}),
    ("We only ever deal with you about this.", {"reassure"}, set()),
    ("I know it looks like a fortune, but it's only eight pounds a week.", {"reassure"}, set()),
    ("You won't be left on your own with this.", {"reassure"}, set()),
    ("Asking for ID first is exactly the right instinct.", {"validate"}, set()),
    ("What a nightmare of a month.", {"sympathy"}, set()),
    ("Hold on, let me get a word in.", {"rushing"}, set()),
    ("Let me finish filling this in and I'll read it back.", set(), {"rushing"}),
    ("Which bit of the letter confused you?", {"condescension"}, set()),
    ("Honestly, act your age.", {"condescension"}, set()),
    ("The form's not the clearest, I'll help you with it.", {"validate"}, set()),
    # seventh round
    ("Nobody else can read these texts, only you.", {"reassure"}, set()),
    ("We don't do door-knocking, full stop.", {"reassure"}, set()),
    ("Nothing changes overnight, you'd hear from us first.", {"reassure"}, set()),
    ("We'll get through this together.", {"reassure"}, set()),
    ("I'll make sure nothing else gets added to it.", {"reassure"}, set()),
    ("Your brother won't be contacted about any of this.", {"reassure"}, set()),
    ("Nobody loses their house over a store card.", {"reassure"}, set()),
    ("We never leave the balance in a voicemail.", {"reassure"}, set()),
    ("If I'd been spoken to like that I'd have hung up too.", {"validate"}, set()),
    ("My colleague was out of line there.", {"validate"}, set()),
    ("Wishing your wife a speedy recovery.", {"sympathy"}, set()),
    ("Oh dear, what a horrible position to be in.", {"sympathy"}, {"condescension"}),
    ("I can tell it's been a really long week for you.", {"acknowledge_feeling"}, set()),
    ("Juggling three lenders must feel exhausting.", {"acknowledge_feeling"}, set()),
    ("Let me put you through to someone who can look at hardship.", {"offer_help"}, set()),
    ("Would text be easier for you?", {"offer_help"}, set()),
    ("What's so hard to understand about a due date?", {"condescension"}, set()),
    ("Why do I have to repeat this four times?", {"condescension"}, set()),
    # eighth round
    ("If your son answers, all I'll say is it's Jo calling back.", {"reassure"}, set()),
    ("We would never ditch the arrangement over one late payment.", {"reassure"}, set()),
    ("Ring me back whenever you're ready.", {"offer_help"}, set()),
    ("We can't write off the arrears, but we can freeze the interest from today.", {"reassure"}, set()),
    ("I'm not blaming you for any of it.", {"validate"}, set()),
    ("You can complain to the ombudsman if you feel you've been treated unfairly.", set(), {"blame"}),
    ("Tons of people fall behind after a break-up.", {"validate"}, set()),
    ("I'm so sorry your shop had to close.", {"sympathy"}, set()),
    ("I'm sorry your call was on hold so long.", set(), {"sympathy"}),
    ("Is this a bad time to talk?", {"courtesy"}, {"identity_verification"}),
    ("I'll keep it short, I can tell you're busy.", {"courtesy"}, {"rushing"}),
    ("Keep it short, I'm busy.", {"rushing"}, set()),
    ("Take it easy, bye now.", {"courtesy"}, set()),
    ("Let me finish my point, please.", {"rushing"}, set()),
    ("Any grown adult can fill in a form.", {"condescension"}, set()),
    ("How do you still not get this?", {"condescension"}, set()),
    # pausing collection while documents are checked is not a hardship option; after a dispute it
    # is the verification the debtor is owed, not offer_help (scoring.api, tested in
    # test_scorecard_pipeline.py)
    ("We can pause collections while you dig out the receipts.", set(), {"hardship_options"}),
    ("I can't stop the calls until you've paid something.", set(), {"offer_help"}),
    # name and company in other word orders
    ("Morning! Ben Carter here, ringing on behalf of Sterling Home Loans.", {"self_identification"}, set()),
    ("It's Aisha, I work at Redwood Credit Union.", {"self_identification"}, set()),
    ("Sam here, at home today.", set(), {"self_identification"}),
]


@pytest.fixture
def lexicon_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lexicon's constructions on their own: the learned model (retrained on its own schedule)
    may add or veto findings, which is measured by the corpus figures, not pinned here."""
    import scoring.detector

    monkeypatch.setattr(scoring.detector, "model_for", lambda lang: None)


@pytest.mark.parametrize(("text", "present", "absent"), S4_EMPATHY)
@pytest.mark.usefixtures("lexicon_only")
def test_s4_empathy_constructions(text: str, present: set[str], absent: set[str]) -> None:
    found = cats(text)
    assert present <= found, (text, found)
    assert not (absent & found), (text, found)


OBFUSCATED_ABUSE = [
    ("Honestly, what a m o r o n.", "abusive_language"),  # the spelled-out article joined the word
    ("Are you st00pid or what?", "abusive_language"),
    ("What an 1d10t you are.", "abusive_language"),
    ("You're so d*mb it hurts.", "abusive_language"),  # masks in the milder insults too
    ("y o u  i d i o t", "abusive_language"),
    ("you are a \u0441r\u0435\u0435p", "abusive_language"),  # Cyrillic c and e in "creep"
]


@pytest.mark.parametrize(("text", "category"), OBFUSCATED_ABUSE)
@pytest.mark.usefixtures("lexicon_only")
def test_obfuscated_abuse(text: str, category: str) -> None:
    assert category in cats(text)


@pytest.mark.parametrize(
    "text", ["Go ahead, I'm listening.", "An ideal plan; we await your reply.", "Is it still the same?"]
)
def test_words_starting_with_a_or_i_stay_whole(text: str) -> None:
    from scoring.detector import lexicon_for
    from scoring.text.normalize import normalize

    lex = lexicon_for("en")
    assert lex is not None
    assert lex.prepare(normalize(text, "en")).text == normalize(text, "en").text


def test_a_promise_given_still_denies_it() -> None:
    found = cats("I can promise you the police won't get involved.")
    assert "threat_arrest" not in found and "reassure" in found


@pytest.mark.parametrize(
    "text",
    [
        "I can't promise you the police won't be told.",
        "I couldn't guarantee nobody comes to arrest you.",
    ],
)
@pytest.mark.usefixtures("lexicon_only")
def test_a_promise_withheld_is_no_reassurance(text: str) -> None:
    found = cats(text)
    assert "reassure" not in found and "threat_arrest" in found, found


@pytest.mark.parametrize(
    "text", ["Were the police called when the car was taken?", "The police won't be called, I promise."]
)
@pytest.mark.usefixtures("lexicon_only")
def test_a_question_or_a_denial_about_calling_police_is_no_threat(text: str) -> None:
    assert "threat_arrest" not in cats(text)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # Scots diligence and other civil enforcement by name: legal action, never arrest
        ("We'll apply for an arrestment of your earnings.", {"threat_legal_action"}, {"threat_arrest"}),
        ("Pay by Friday or the sheriff officers get instructed.", {"threat_legal_action"}, {"threat_arrest"}),
        ("Sheriff officers could be outside your flat Monday.", {"threat_legal_action"}, {"threat_arrest"}),
        ("The sheriff officers have been sent round to you.", {"threat_legal_action"}, {"threat_arrest"}),
        ("Enforcement officers have been alerted to your case.", set(), {"threat_arrest"}),
        # the same shapes with police officers stay arrest threats
        ("Officers have been sent round to your address.", {"threat_arrest"}, set()),
        ("Police officers could be outside your flat by Monday.", {"threat_arrest"}, set()),
        ("We can have you sequestrated over this.", {"threat_legal_action"}, set()),
        ("We won't seek an inhibition while you keep to the plan.", {"reassure"}, {"threat_legal_action"}),
    ],
)
@pytest.mark.usefixtures("lexicon_only")
def test_civil_enforcement_vocabulary(text: str, present: set[str], absent: set[str]) -> None:
    found = cats(text)
    assert present <= found and not (absent & found), found


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # an arrest threat with no named agency, or a passive police call
        ("Somebody will be round to arrest you tomorrow.", "threat_arrest"),
        ("The police are going to be notified.", "threat_arrest"),
        # fitted from blind4's read errors
        ("Keep ignoring me and you might be doing prison time.", "threat_arrest"),
        ("Expect me to ring at 5 a.m. and again at midnight.", "harassment"),
        ("Why not chuck it on a credit card?", "pressure_to_borrow"),
        ("The total includes a government-mandated recovery fee.", "misrepresentation"),
        ("The total includes a government-mandated recovery fee.", "unauthorized_fee"),
        ("I'd call you a waster, frankly.", "abusive_language"),
        ("such a c r o o k", "abusive_language"),
        ("No one's gonna take your telly over this.", "reassure"),  # "gonna" reads as "going to"
        ("I WILL NOT BE IGNORED. Call me back.", "shouting"),  # one shouted sentence in the line
        ("PAY. THE. BALANCE.", "shouting"),
        ("Sorry, all these letters must be worrying you.", "acknowledge_feeling"),
        ("You sound absolutely livid, and fair enough.", "acknowledge_feeling"),
        ("None of us think any less of you.", "validate"),
        # fitted from blind5's read errors
        ("Not gonna sugarcoat it, they'll put you away for this.", "threat_arrest"),
        ("Skip this one and it's a county court judgment, simple as.", "threat_legal_action"),
        ("We'll get every bank account you have frozen by Friday.", "threat_legal_action"),
        ("There's a pawn shop on the corner, you could walk out with cash today.", "pressure_to_borrow"),
        ("Just cash out your pension, that's what it's there for.", "pressure_to_borrow"),
        ("Surely your parents could front you the money?", "pressure_to_borrow"),
        ("We're raising your interest rate as of today.", "unauthorized_fee"),
        ("Legal fees have already been added to the balance.", "unauthorized_fee"),
        ("Debts never go away, love.", "misrepresentation"),
        ("We work closely with the district attorney on cases like yours.", "impersonation"),
        ("I'll ring your mobile and your work phone every hour till you answer.", "harassment"),
        ("Every contact in your phone list will get a message about this.", "shaming_threat"),
    ],
)
@pytest.mark.usefixtures("lexicon_only")
def test_s6_constructions(text: str, category: str) -> None:
    assert category in cats(text)


@pytest.mark.parametrize(
    "text",
    [
        "You did months of overtime, I know.",
        "The balance includes the court fee the judgment awarded.",
        "What a joke this phone system is.",
        "I'm not calling you a liar.",
    ],
)
@pytest.mark.usefixtures("lexicon_only")
def test_near_misses_of_the_blind4_constructions_are_clean(text: str) -> None:
    assert not (cats(text) & VIOLATIONS), cats(text)


def test_acronyms_in_a_sentence_are_not_shouting() -> None:
    assert "shouting" not in cats("I called HMRC and the DWP. Both said the same.")


def test_an_option_priced_with_an_unauthorised_fee_is_no_help() -> None:
    found = cats("I can put you on a payment plan, but there's a one-time $75 setup charge for that.")
    assert "unauthorized_fee" in found and not ({"hardship_options", "offer_help"} & found), found


@pytest.mark.parametrize(
    "text",
    [
        "Did your family lend you money last month? I only ask for the budget.",
        "What's your take-home after tax and pension?",
        "We've removed your work number from the file.",
        "Once we sue you'd have court costs on top, so it's cheaper to settle.",
        "I'll hit your cell around six, is that OK?",
        "I'm not going to pretend to be anyone else: it's Sam from Apex about a debt.",
    ],
)
@pytest.mark.usefixtures("lexicon_only")
def test_near_misses_of_the_blind5_constructions(text: str) -> None:
    found = cats(text)
    wrong = {"pressure_to_borrow", "misrepresentation", "unauthorized_fee", "threat_violence", "pretext"}
    assert not (found & wrong), found


# Session 12's probes, in its own words (whole detector, model included): legal pressure without
# a named step, and look-alikes that explain rights, correct a mistake or deny a lawsuit; a
# deferred payment offered as forbearance, and refusals that only mention one.
S12_PROBES = [
    ("Keep ignoring us and you'll be hearing from a judge.", {"threat_legal_action"}, set()),
    ("Don't be surprised when you get served at work.", {"threat_legal_action"}, set()),
    ("You can settle now or explain yourself in front of a judge.", {"threat_legal_action"}, set()),
    ("The account is being escalated for legal review and possible suit.", {"threat_legal_action"}, set()),
    ("Once it's with the solicitors, the costs get added on and it's out of my hands.",
     {"threat_legal_action"}, {"impersonation"}),
    ("I'd hate for this to turn into a lawsuit.", {"threat_legal_action"}, set()),
    ("This won't turn into a lawsuit; we just want to agree a plan.", set(), {"threat_legal_action"}),
    ("If you're ever taken to court you'd hear from the court directly, and you can respond.",
     set(), {"threat_legal_action"}),
    ("Don't be surprised if the letter takes a week to arrive.", set(), {"threat_legal_action", "blame"}),
    ("The file was escalated for legal review by mistake and has been pulled back.",
     set(), {"threat_legal_action"}),
    ("I know a possible lawsuit sounds scary, but nobody is suing you.", set(), {"threat_legal_action"}),
    ("If you're ever served papers, you can respond and ask for a hearing.", set(), {"threat_legal_action"}),
    ("We can defer this month's payment and add it to the end.", {"hardship_options"}, set()),
    ("We could postpone the next two instalments while you recover.", {"hardship_options"}, set()),
    ("You can't skip a payment without it being reported.", set(), {"hardship_options"}),
    ("If you skip a payment, the plan is cancelled.", set(), {"hardship_options"}),
    ("I've noted that you want to postpone the payment; that isn't something we can do.",
     set(), {"hardship_options"}),
    ("You can call the police if anyone from any company turns up and frightens you.",
     set(), {"threat_arrest"}),
    ("You can expect the police at your door.", {"threat_arrest"}, set()),
    ("We're getting the cops involved.", {"threat_arrest"}, set()),
    ("Feel free to ring the police, they'll arrest you anyway.", {"threat_arrest"}, set()),
    # an identity check beside a "my name is" introduction (the model used to veto the check)
    ("My name is Carl, I'm calling from Meridian Recovery. Is this Denise Hall?",
     {"self_identification", "identity_verification"}, set()),
    ("Good morning, my name is Sarah and I'm calling from Apex Collections. Is this John Miller?",
     {"self_identification", "identity_verification"}, set()),
    ("Hello, I'm calling from Pine Bank, my name is Ali. Are you Ms Chen?",
     {"self_identification", "identity_verification"}, set()),
]


@pytest.mark.parametrize(("text", "present", "absent"), S12_PROBES)
def test_session_12_probes(text: str, present: set[str], absent: set[str]) -> None:
    found = cats(text)
    assert present <= found, (text, found)
    assert not (absent & found), (text, found)


# The patterns alone: the model still reads "warrant ... criminal" as a threat at 0.999 and adds it
# back (docs/measurements.md, session 12), so this holds the lexicon's own reading.
WARRANT_EXPLAINED = [
    ("A warrant is only for criminal matters, and this isn't one.", set(), {"threat_arrest"}),
    ("Debt isn't a crime, so nobody will get a warrant over it.", set(), {"threat_arrest"}),
    ("If you don't pay, a warrant will be issued.", {"threat_arrest"}, set()),
    ("There's a warrant out for your arrest.", {"threat_arrest"}, set()),
]


@pytest.mark.parametrize(("text", "present", "absent"), WARRANT_EXPLAINED)
@pytest.mark.usefixtures("lexicon_only")
def test_explaining_warrants_is_not_the_lexicons_threat(
    text: str, present: set[str], absent: set[str]
) -> None:
    found = cats(text)
    assert present <= found, (text, found)
    assert not (absent & found), (text, found)


# Session 13's misrepresentation probes, in its own words (the patterns alone): false claims made in
# passing about protected income, lenders, fraud markers, deleting history and crime, and the
# true statements beside them.
S13_MISREPRESENTATION = [
    ("We can take it straight out of your Social Security check.",
     {"misrepresentation", "threat_legal_action"}, set()),
    ("Nobody will ever rent you an apartment again with this on your file.", {"misrepresentation"}, set()),
    ("We've reported you as a fraud risk to every bank in the country.", {"misrepresentation"}, set()),
    ("Paying in full removes all negative marks from the bureaus immediately.", {"misrepresentation"}, set()),
    ("Ignoring this is actually a federal offence.", {"misrepresentation", "threat_arrest"}, set()),
    ("The court date has already been set, it's the 14th.", {"misrepresentation"}, set()),
    ("Your wife's wages can be docked for your card debt.", {"misrepresentation"}, set()),
    ("We can't take anything from your Social Security, it's protected.", set(), {"misrepresentation"}),
    ("Nobody is going to take your disability check.", set(), {"misrepresentation"}),
    ("Your account was flagged as fraud by mistake, and I've asked for it to be lifted.",
     set(), {"misrepresentation"}),
    ("We'll ask the bureaus to remove the inaccurate late marks.", set(), {"misrepresentation"}),
    ("Paying won't remove the late payments, but it will show as settled.", set(), {"misrepresentation"}),
    ("Not paying isn't a crime, it's a civil matter.", set(), {"misrepresentation", "threat_arrest"}),
    ("The hearing has already been listed for March, the court wrote to you about it.",
     set(), {"misrepresentation"}),
    ("No one will ever hear about this from us.", set(), {"misrepresentation"}),
]


# Session 14: the law or the government said to demand payment, a debt "attached to your house",
# rights said to be waived, and a wage deduction "already sent to payroll", in its own words (the
# patterns alone; all six were missed before), with the true statements beside them.
S14_MISREPRESENTATION = [
    ("The government requires us to collect this today.", {"misrepresentation"}, set()),
    ("Federal law says you have to pay this within ten days.", {"misrepresentation"}, set()),
    ("The law requires you to answer our calls.", {"misrepresentation"}, set()),
    ("The debt is attached to your house now.", {"misrepresentation"}, set()),
    ("You waived your right to dispute when you signed up.", {"misrepresentation"}, set()),
    ("It's already been sent to your employer's payroll department for deduction.",
     {"misrepresentation", "threat_legal_action"}, set()),
    ("The law requires us to give you a copy of the agreement.", set(), {"misrepresentation"}),
    ("State law requires you to be notified before any garnishment.", set(), {"misrepresentation"}),
    ("Your loan is secured against your house, that's what a homeowner loan is.",
     set(), {"misrepresentation"}),
    ("You haven't lost your right to complain, you can still go to the ombudsman.",
     set(), {"misrepresentation"}),
    ("The law says you have the right to dispute this.", set(), {"misrepresentation"}),
    ("The law requires us to tell you that this is an attempt to collect a debt.",
     set(), {"misrepresentation"}),
    ("Is the debt attached to your business or to you personally?", set(), {"misrepresentation"}),
    ("The court says you have to pay 50 a month under the judgment from 2023.", set(), {"misrepresentation"}),
]


S15_MISREPRESENTATION = [
    ("We're required by law to add a thirty percent penalty.",
     {"misrepresentation", "unauthorized_fee"}, set()),
    ("By law we have to charge a 50 dollar fee on every late account.", {"misrepresentation"}, set()),
    ("Federal law requires us to add a collection charge of 15 percent.", {"misrepresentation"}, set()),
    ("We're required by law to tell you about the fees on your account.", set(), {"misrepresentation"}),
    ("The law doesn't let us add any fees to this balance.", set(), {"misrepresentation"}),
    ("Under your agreement we can add a late fee of $25.", set(), {"misrepresentation"}),
    ("The court ordered costs are required by law to be added to the judgment.",
     set(), {"misrepresentation"}),
]


@pytest.mark.parametrize(
    ("text", "present", "absent"), S13_MISREPRESENTATION + S14_MISREPRESENTATION + S15_MISREPRESENTATION
)
@pytest.mark.usefixtures("lexicon_only")
def test_misrepresentation_probes(text: str, present: set[str], absent: set[str]) -> None:
    found = cats(text)
    assert present <= found, (text, found)
    assert not (absent & found), (text, found)


def test_a_possible_lawsuit_denied_is_not_the_lexicons_threat(lexicon_only: None) -> None:
    found = cats("I know a possible lawsuit sounds scary, but nobody is suing you.")
    assert "threat_legal_action" not in found
    assert "reassure" in found
    assert "threat_legal_action" in cats("A possible lawsuit is coming your way.")


# Session 13: legal pressure in agency idioms, in its own words (the patterns alone); 11 of the 20
# threats were missed before, and the 12 look-alikes (rights, denials, a complaint, a plan) stay clean.
S13_LEGAL_THREATS = [
    "We'll be forced to take the matter further if we don't hear back.",
    "The next letter you get won't be from us, it'll be from the court.",
    "I'd start thinking about how you'd feel with a CCJ on your file.",
    'Your account is one signature away from litigation.',
    "You don't want this ending up in front of a county court judge.",
    'At this point the creditor is entitled to recover the car.',
    "We have the paperwork ready to file, it's up to you.",
    "The enforcement officers will be round to take what's owed.",
    "We'll put a charge on your house to secure it.",
    "Keep this up and we'll freeze your bank account.",
    "You'll be getting served, mark my words.",
    'I can have the bailiffs at your door by Monday.',
    'This is the last chance before we start proceedings.',
    "If this goes legal, you'll be paying our costs too.",
    "We'll apply for an attachment of earnings order.",
    "Your wages will be garnished next month if this isn't sorted.",
    'Legal are already looking at your file.',
    "I'm passing this to our recoveries team for enforcement.",
    "They'll take you to small claims, it's cheap for them.",
    "We'll get a judgment and then the bailiffs can take the car.",
]
S13_LEGAL_LOOKALIKES = [
    "If you're unhappy with how we've handled this, you can take the matter further with the ombudsman.",
    'If it ever went legal you would get a letter from the court first and you could respond.',
    'Paying within a month means a CCJ would be removed from your file.',
    "We're not taking you to court, and this won't end up in front of a judge.",
    'Nobody is passing your account for enforcement.',
    'Our legal team reviewed your dispute and agreed the balance was wrong.',
    "Because you've paid over a third, the lender can't take back the car without a court order.",
    "The bailiffs won't be coming round, the council has put recovery on hold.",
    "I'm ready to file the complaint for you today.",
    "You're one step away from clearing the balance.",
    'The next letter you get will be from us, confirming the plan.',
    "We won't take this any further while you get advice.",
]


@pytest.mark.parametrize("text", S13_LEGAL_THREATS)
@pytest.mark.usefixtures("lexicon_only")
def test_session_13_legal_idioms(text: str) -> None:
    assert "threat_legal_action" in cats(text)


@pytest.mark.parametrize("text", S13_LEGAL_LOOKALIKES)
@pytest.mark.usefixtures("lexicon_only")
def test_session_13_legal_lookalikes_are_clean(text: str) -> None:
    assert not (cats(text) & VIOLATIONS), text


@pytest.mark.parametrize(
    ("text", "fee"),
    [
        # Found playing the README's call in session 14: a plan "with the interest frozen" read as a fee.
        ("We can do 150 a month with the interest frozen, starting on the 1st.", False),
        ("150 a month, with interest and charges on hold while you're on the plan.", False),
        ("There's a 25 dollar fee for every call we make.", True),
        ("There's a 25 pound fee, and the interest stays frozen.", True),
        ("We'll add a 30 dollar set-up fee to the plan, even with the interest frozen.", True),
    ],
)
@pytest.mark.usefixtures("lexicon_only")
def test_interest_frozen_is_not_a_fee(text: str, fee: bool) -> None:
    assert ("unauthorized_fee" in cats(text)) is fee
