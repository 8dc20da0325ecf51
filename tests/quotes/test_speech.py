"""The quotes stage on hand-written tricky sentences and on the shared examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.errors import StageFailure
from narrascope.model import Analysis, Article, Entity, Mention
from narrascope.quotes.marks import find_quotations
from narrascope.quotes.resources import load_cues
from narrascope.quotes.speech import QuoteFinder
from narrascope.settings import Settings


def summary(analysis: Analysis) -> list[tuple]:
    return [
        (q.kind, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None, q.content.text)
        for q in analysis.quotes
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "\u201cMen, women, children were found,\u201d Sak said.",
            ("direct", "Sak", "said", "Men, women, children were found"),
        ),
        (
            "Sak said: \u201cWe are seeing atrocities everywhere.\u201d",
            ("direct", "Sak", "said", "We are seeing atrocities everywhere"),
        ),
        (
            "\u201cWe are ready to fight,\u201d said the mayor of Kyiv.",
            ("direct", "the mayor", "said", "We are ready to fight"),
        ),
        (
            '"The situation is very difficult," the governor told reporters.',
            ("direct", "the governor", "told", "The situation is very difficult"),
        ),
        (
            "'We will win this war,' the minister said.",
            ("direct", "the minister", "said", "We will win this war"),
        ),
        (
            "\u00abThe front is holding firm,\u00bb the general said.",
            ("direct", "the general", "said", "The front is holding firm"),
        ),
        (
            "\u201eThe front is holding firm,\u201c the general said.",
            ("direct", "the general", "said", "The front is holding firm"),
        ),
        (
            "Ukrainian President Volodymyr Zelenskyy said that more than 440 graves were found at the site.",
            (
                "indirect",
                "Ukrainian President Volodymyr Zelenskyy",
                "said",
                "more than 440 graves were found at the site",
            ),
        ),
        (
            "According to the ISW, Russia lost 20 tanks near Kharkiv.",
            ("indirect", "the ISW", "According to", "Russia lost 20 tanks near Kharkiv"),
        ),
        (
            "According to the Army Chief of Ukraine, Oleksandr Syrskyi, Ukraine has captured 82 towns.",
            ("indirect", "Oleksandr Syrskyi", "According to", "Ukraine has captured 82 towns"),
        ),
        (
            "The minister accused Russia of shelling the city for weeks.",
            ("indirect", "The minister", "accused", "shelling the city for weeks"),
        ),
        (
            (
                "The president accused the Western nations of supplying weapons to Ukraine that they used"
                " against Russia in the war."
            ),
            (
                "indirect",
                "The president",
                "accused",
                "supplying weapons to Ukraine that they used against Russia in the war",
            ),
        ),
        (
            "Russia lost hundreds of soldiers in the attack, the governor said.",
            ("indirect", "the governor", "said", "Russia lost hundreds of soldiers in the attack"),
        ),
        (
            "Islamabad has, however, consistently denied that it sold arms to Ukraine.",
            ("indirect", "Islamabad", "denied", "it sold arms to Ukraine"),
        ),
        (
            "The Kremlin denied Putin suffers from any illness.",
            ("indirect", "The Kremlin", "denied", "Putin suffers from any illness"),
        ),
        (
            "Illia Ponomarenko of the Kyiv Independent claims that the kits turn bombs into guided weapons.",
            ("indirect", "Illia Ponomarenko", "claims", "the kits turn bombs into guided weapons"),
        ),
        (
            "A growing number of Western leaders have warned of a threat to the eastern flank.",
            ("indirect", "A growing number of Western leaders", "warned", "a threat to the eastern flank"),
        ),
        (
            "Putin accused the rebels of launching a terror attack after their fighters crossed the border.",
            (
                "indirect",
                "Putin",
                "accused",
                "launching a terror attack after their fighters crossed the border",
            ),
        ),
        (
            "\u201cPutin congratulated the units on the operation,\u201d TASS quoted the Kremlin saying.",
            ("direct", "the Kremlin", "saying", "Putin congratulated the units on the operation"),
        ),
        (
            (
                "The ambassador told lawmakers that Mexico would never take orders from \u201cUncle "
                "Sam\u201d, prompting a reply from Washington."
            ),
            ("indirect", "The ambassador", "told", "Mexico would never take orders from \u201cUncle Sam"),
        ),
        (
            "\u201cThese contracts expired last month, the report added.",
            ("direct", "the report", "added", "These contracts expired last month"),
        ),
        (
            "\u201dThe tanks may leak fuel and start a fire,\u201d the director explained.",
            ("direct", "the director", "explained", "The tanks may leak fuel and start a fire"),
        ),
        (
            (
                "\u201cAll we want is an answer to one question, \u2018Where did the money go?\u2019\u201d "
                "the senator said."
            ),
            (
                "direct",
                "the senator",
                "said",
                "All we want is an answer to one question, \u2018Where did the money go?",
            ),
        ),
        (
            "It was reported by the local radio station that the dam had been closed.",
            ("indirect", "the local radio station", "reported", "the dam had been closed"),
        ),
        (
            "The harvest was lost, it was announced by the farmers' union.",
            ("indirect", "the farmers' union", "announced", "The harvest was lost"),
        ),
        (
            "The river was rising fast, the mayor was quoted as saying.",
            ("indirect", "the mayor", "saying", "The river was rising fast"),
        ),
        (
            (
                "The plan echoes the view of the chair of the Central Bank, who said on Friday that rates "
                "would stay high."
            ),
            ("indirect", "the chair", "said", "rates would stay high"),
        ),
        (
            (
                'The OECD is "forecasting a further slowdown in world trade" in 2025 and 2026, Sofia Lind '
                "said in a report released ahead of the summit."
            ),
            (
                "indirect",
                "Sofia Lind",
                "said",
                'The OECD is "forecasting a further slowdown in world trade" in 2025 and 2026',
            ),
        ),
        (
            "Teachers, nurses, and firefighters said the new rules were unfair.",
            ("indirect", "Teachers, nurses, and firefighters", "said", "the new rules were unfair"),
        ),
        (
            "Farmers, fishermen and foresters said the drought had cost them dearly.",
            ("indirect", "Farmers, fishermen and foresters", "said", "the drought had cost them dearly"),
        ),
        (
            (
                "Responding to the letter, Green MP and chair of the Transport Select Committee Oliver Hart "
                "responded: \u201cI have raised this with ministers many times.\u201d"
            ),
            (
                "direct",
                "Green MP and chair of the Transport Select Committee Oliver Hart",
                "responded",
                "I have raised this with ministers many times",
            ),
        ),
        (
            (
                "TROMSO, Norway (AP) \u2014 Storms cut power to thousands of homes overnight, the regional "
                "utility said."
            ),
            ("indirect", "the regional utility", "said", "Storms cut power to thousands of homes overnight"),
        ),
        (
            "HELSINKI (Reuters) - Finland said on Tuesday that the border would stay closed.",
            ("indirect", "Finland", "said", "the border would stay closed"),
        ),
        (
            "The coach told players during a video call that the season was over.",
            ("indirect", "The coach", "told", "the season was over"),
        ),
        (
            "According to Russian state news agency TASS, the plane landed safely in Minsk.",
            (
                "indirect",
                "Russian state news agency TASS",
                "According to",
                "the plane landed safely in Minsk",
            ),
        ),
        (
            (
                "Nordbank, known for its long partnership with the former mining company owner Lars Dahl, "
                "said the loan had been repaid."
            ),
            ("indirect", "Nordbank", "said", "the loan had been repaid"),
        ),
        (
            'In March, the Hospital Security Board warned in a report that clinics are in a "fragile state".',
            ("indirect", "the Hospital Security Board", "warned", 'clinics are in a "fragile state'),
        ),
        (
            (
                'The minister stressed for the first time that the country faces an "existential" threat if '
                "the war drags on."
            ),
            (
                "indirect",
                "The minister",
                "stressed",
                'the country faces an "existential" threat if the war drags on',
            ),
        ),
        (
            'The aide sought to assure the donors that the president has "a clear plan" for the spring.',
            ("indirect", "The aide", "assure", 'the president has "a clear plan" for the spring'),
        ),
        (
            "Analysts at the investment bank Nordia say that prices will keep falling.",
            ("indirect", "Analysts", "say", "prices will keep falling"),
        ),
        (
            "The co-owner of the club said he was lucky to have good coaches.",
            ("indirect", "The co-owner", "said", "he was lucky to have good coaches"),
        ),
        (
            "The embassy's deputy head of mission Anna Kovalenko said that talks would resume in May.",
            (
                "indirect",
                "The embassy's deputy head of mission Anna Kovalenko",
                "said",
                "talks would resume in May",
            ),
        ),
        (
            (
                "Mara Keltan, Director of the Grid Safety Agency (GSA), said officials are taking the threat "
                "seriously."
            ),
            ("indirect", "Mara Keltan", "said", "officials are taking the threat seriously"),
        ),
        (
            "A top aide to President Ivan Petrenko has warned that the coming winter will decide the war.",
            ("indirect", "A top aide", "warned", "the coming winter will decide the war"),
        ),
        (
            (
                "Senator Tom Reyes of Ohio and ranking member on the energy committee told reporters that he "
                "wants a hearing."
            ),
            ("indirect", "Senator Tom Reyes", "told", "he wants a hearing"),
        ),
        (
            "According to recently released documents, the stocks are running low.",
            ("indirect", "recently released documents", "According to", "the stocks are running low"),
        ),
        (
            "Morgan was quick to praise the couple before saying that it was a privilege to visit Kyiv.",
            ("indirect", "Morgan", "saying", "it was a privilege to visit Kyiv"),
        ),
        (
            (
                'Speaking from a hospital in Odesa, a wounded soldier named Petro, 29, told the newspaper: '
                '"The food was terrible."'
            ),
            ("direct", "a wounded soldier", "told", "The food was terrible"),
        ),
        (
            "The crater, which he said had been created by a drone, was ten metres wide.",
            ("indirect", "he", "said", "had been created by a drone"),
        ),
        (
            '"We waited far too long," one aide texted the newspaper on Monday.',
            ("direct", "one aide", "texted", "We waited far too long"),
        ),
        (
            "The army's spokesman, Ivan Petrov, told a briefing that 50 soldiers were killed.",
            ("indirect", "Ivan Petrov", "told", "50 soldiers were killed"),
        ),
        (
            "It was the mayor who first said that the dam had burst.",
            ("indirect", "the mayor", "said", "the dam had burst"),
        ),
        (
            "Local media reported, citing police sources, that the suspect had fled.",
            ("indirect", "Local media", "reported", "the suspect had fled"),
        ),
        (
            "The general was quoted by state media as saying the offensive would continue.",
            ("indirect", "The general", "saying", "the offensive would continue"),
        ),
        (
            (
                "The parliament has been blocking new loans for the farmers and the central bank has warned "
                "that the reserves would last only a few weeks."
            ),
            ("indirect", "the central bank", "warned", "the reserves would last only a few weeks"),
        ),
        (
            "Critics asked whether the new bridge was worth its price.",
            ("indirect", "Critics", "asked", "whether the new bridge was worth its price"),
        ),
        (
            "The senator questioned how it is that the agency still has no budget.",
            ("indirect", "The senator", "questioned", "how it is that the agency still has no budget"),
        ),
        (
            "The new law, she said, will raise prices for most families.",
            ("indirect", "she", "said", "The new law, she said, will raise prices for most families"),
        ),
        (
            "Citing a survey claiming that heaters cause most winter fires, the agency proposed a ban.",
            ("indirect", "a survey", "claiming", "heaters cause most winter fires"),
        ),
        (
            "\u201cCan we pay? Absolutely,\u2033 Smith said.",
            ("direct", "Smith", "said", "Can we pay? Absolutely"),
        ),
        (
            (
                "The ministry suggested the group is \u201ckeeping links with\u201d former officials "
                "including Peter Brown, a former deputy minister of Spain between 2001 to 2004; Alan Gray, "
                "first deputy minister from 2004 to 2006; and Max Holm, the prime minister from 2006 to "
                "2008."
            ),
            (
                "indirect",
                "The ministry",
                "suggested",
                (
                    "the group is \u201ckeeping links with\u201d former officials including Peter Brown, a "
                    "former deputy minister of Spain between 2001 to 2004; Alan Gray, first deputy minister "
                    "from 2004 to 2006; and Max Holm, the prime minister from 2006 to 2008"
                ),
            ),
        ),
        (
            "One of the protesters shouted that the plant must close.",
            ("indirect", "One of the protesters", "shouted", "the plant must close"),
        ),
        (
            "The mayor clarified on Monday that the road would stay open.",
            ("indirect", "The mayor", "clarified", "the road would stay open"),
        ),
        (
            "A range of local groups questioned whether the dam was safe.",
            ("indirect", "A range of local groups", "questioned", "whether the dam was safe"),
        ),
        (
            "Shares fell further amid reports claiming that the chief executive had resigned.",
            ("indirect", "reports", "claiming", "the chief executive had resigned"),
        ),
        (
            "The governor brags that his budget is the smallest in a decade.",
            ("indirect", "The governor", "brags", "his budget is the smallest in a decade"),
        ),
    ],
)
def test_one_quote_with_speaker_cue_and_content(analyse, text, expected):
    """Every style of attribution, among them those where the parser hides the speaker: nested closing
    marks, passives with an agent, "quoted as saying", "who" after "the chair of X", a statement parsed
    as an adverbial clause, lists of speakers, long titles, datelines, a "that" the parser takes for a
    relative pronoun, a name right after its description, a name inside a participle that describes
    the speaker; and scraped quotation marks. Also a reported clause hung on the object of the cue's
    preposition ("warned in a report that"), a "that" taken for an object, a title cut off its name
    as a second subject, a title after a name the recogniser missed, "to" phrases and second titles
    that are no part of the speaker, a cue far down a chain of verbs ("was quick to praise … before
    saying"), an opening participle taken for the subject, a relative clause around the cue, and a
    second clause's subject joined to the first clause's object; in "was quoted by X as saying" the
    subject speaks, not X; "who" the parser leaves unattached stands for the noun before it; a "that"
    clause the parser hung above a cue set off by an aside is that cue's. A question ("asked whether",
    "questioned how") is what was asked; an attribution set off by commas inside the clause keeps the
    words before it; the noun a participle cue describes speaks ("a survey claiming", and after a
    preposition that takes the noun and the participle together, "amid reports claiming"); "one of",
    "a range of" run on to the group; a double prime closes a quote; a list whose items a semicolon
    separates stays in the clause and gives the speaker no apposition."""
    assert summary(analyse(text)) == [expected]


def test_a_quote_spoken_by_someone_inside_a_reported_clause_is_not_a_second_quote(analyse):
    text = "The inspector explained that she had been told by the owners that the boiler was safe."
    assert summary(analyse(text)) == [
        (
            "indirect",
            "The inspector",
            "explained",
            "she had been told by the owners that the boiler was safe",
        )
    ]


def test_a_line_ending_in_a_colon_stops_a_quote_from_continuing_the_one_before(analyse):
    text = (
        "The harbour master spoke to the crew on Friday.\n"
        "\u201cNobody leaves the port tonight,\u201d he said.\n"
        "The regional council described the storm in a statement:\n"
        "\u201cDozens of roofs were torn off. Most roads are blocked.\u201d"
    )
    assert summary(analyse(text)) == [
        ("direct", "he", "said", "Nobody leaves the port tonight"),
        ("direct", None, None, "Dozens of roofs were torn off. Most roads are blocked"),
    ]


def test_a_quote_interrupted_by_its_attribution_gives_two_quotes_by_one_speaker(analyse):
    text = "\u201cI don\u2019t know why we did it,\u201d he continued. \u201cWe knew very little here.\u201d"
    assert summary(analyse(text)) == [
        ("direct", "he", "continued", "I don\u2019t know why we did it"),
        ("direct", "he", None, "We knew very little here"),
    ]


def test_a_quote_that_reopens_each_paragraph_keeps_its_speaker(analyse):
    text = (
        "The spokesman said: \u201cThe shelling went on all night.\n"
        "\u201cWe have asked for more air defence.\n"
        "\u201cNobody here feels safe any more.\u201d\n"
        "The city is still without power."
    )
    quotes = summary(analyse(text))
    assert [q[3] for q in quotes] == [
        "The shelling went on all night",
        "We have asked for more air defence",
        "Nobody here feels safe any more",
    ]
    assert {q[1] for q in quotes} == {"The spokesman"}
    assert [q[2] for q in quotes] == ["said", None, None]


def test_he_added_and_a_pronoun_resolve_to_the_named_person(analyse):
    text = "Volodymyr Zelenskyy spoke in Kyiv on Monday. \u201cWe will not give up our land,\u201d he added."
    zelenskyy = Entity(
        id="volodymyr-zelenskyy",
        name="Volodymyr Zelenskyy",
        type="PERSON",
        mentions=[Mention(start=0, end=19, text="Volodymyr Zelenskyy", label="PERSON", sentence=0)],
    )
    analysis = analyse(text, entities=[zelenskyy])
    assert summary(analysis) == [("direct", "he", "added", "We will not give up our land")]
    assert analysis.quotes[0].speaker_entity_id == "volodymyr-zelenskyy"


def person(
    name: str, text: str, surface: str | None = None, kind: str = "PERSON", last: bool = False
) -> Entity:
    """An entity named ``name`` with one mention: the first (or ``last``) ``surface`` in the text."""
    surface = surface or name
    start = text.rindex(surface) if last else text.index(surface)
    return Entity(
        id=name.lower().replace(" ", "-"),
        name=name,
        type=kind,
        mentions=[Mention(start=start, end=start + len(surface), text=surface, label=kind, sentence=0)],
    )


def test_a_pronoun_speaks_for_the_person_its_own_sentence_names_before_an_earlier_speaker(analyse):
    text = (
        "Olena Kovalenko said that the talks had stalled. "
        "Later, the commissioner, Irina Sokolova, rejected the offer, as she said that the terms were unfair."
    )
    analysis = analyse(text, entities=[person("Olena Kovalenko", text), person("Irina Sokolova", text)])
    speakers = {q.speaker.text: q.speaker_entity_id for q in analysis.quotes}
    assert speakers == {"Olena Kovalenko": "olena-kovalenko", "she": "irina-sokolova"}


def test_it_resolves_to_the_organisation_that_spoke_last(analyse):
    text = "The defence ministry said the drills were over. It said the troops would return to base."
    ministry = Entity(
        id="defence-ministry",
        name="Defence Ministry",
        type="ORG",
        mentions=[Mention(start=4, end=20, text="defence ministry", label="ORG", sentence=0)],
    )
    analysis = analyse(text, entities=[ministry])
    assert [q.speaker.text for q in analysis.quotes] == ["The defence ministry", "It"]
    assert [q.speaker_entity_id for q in analysis.quotes] == ["defence-ministry", "defence-ministry"]


def test_a_named_speaker_resolves_to_its_entity(analyse):
    text = "Oleg Synegubov said that seven people were wounded."
    governor = Entity(
        id="oleg-synegubov",
        name="Oleg Synegubov",
        type="PERSON",
        mentions=[Mention(start=0, end=14, text="Oleg Synegubov", label="PERSON", sentence=0)],
    )
    assert analyse(text, entities=[governor]).quotes[0].speaker_entity_id == "oleg-synegubov"


def test_a_name_after_a_recognised_title_resolves_to_the_person_not_the_organisation(analyse):
    text = (
        "WHO Director-General Tedros Ghebreyesus said that the risk was high. "
        "Tedros Ghebreyesus spoke in Geneva."
    )
    who = person("World Health Organization", text, "WHO", kind="ORG")
    tedros = person("Tedros Adhanom Ghebreyesus", text, "Tedros Ghebreyesus", last=True)
    assert analyse(text, entities=[who, tedros]).quotes[0].speaker_entity_id == "tedros-adhanom-ghebreyesus"
    assert analyse(text, entities=[who]).quotes[0].speaker_entity_id is None


@pytest.mark.parametrize(
    "text",
    [
        "Putin instead vowed to continue his \u201cspecial military operation.\u201d",
        "The word \u2018Azad\u2019 should be translated as \u2018possession\u2019 here.",
        "Moscow did not say how many battalions it was pulling back.",
        "Analysts believe that the offensive will stall before winter.",
        "The soldiers' families were told nothing for weeks, and the Ukraine\u2019s army kept advancing.",
    ],
)
def test_scare_quotes_apostrophes_thoughts_and_denials_are_not_quotes(analyse, text):
    assert summary(analyse(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The company, which boasts more than two million users, was fined last week.",
        (
            "The commander was filmed visiting the prison, promising the inmates their freedom in return for "
            "six months at the front."
        ),
        "But here are two facts: rulers rarely acknowledge making mistakes.",
        'The envoy described the deal as "a process that says more about Moscow than about Kyiv".',
        'The caucus demanded "vigorous" diplomacy with Moscow.',
        "He said the words that his father liked.",
        "She expressed the hope that the talks would resume.",
        "Insurance Claims Rise Sharply In Texas After Storms",
        "Pfizer Reports Are Due On Friday After Delay",
        "Ukraine Reports Record Grain Harvest In Odesa",
        "Smith said in the interview that he gave to a local paper.",
        "The talks stalled, with the ministry at one point warning of delays.",
    ],
)
def test_descriptions_colons_and_quoted_words_attribute_nothing(analyse, text):
    """A relative clause or a participle after a comma describes, a clause before a colon is not what
    the verb after it reports, a cue inside quotation marks is the quoted person's word, and a word or
    two in quotation marks after a cue is a fragment of the writer's sentence. In a headline a plural
    noun ("Claims") is no cue unless a name comes before it; a participle hung on the object of a
    preposition ("at one point warning") does not make that noun speak; a "that" which fills a gap in
    its clause ("the interview that he gave") opens a relative clause, not what was said."""
    assert summary(analyse(text)) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            (
                "The minister promised that the army will not let the city fall, even as new aid remains "
                "stuck in parliament."
            ),
            "the army will not let the city fall",
        ),
        (
            'The White House said that its support would "remain firm," despite the letter from the caucus.',
            'its support would "remain firm',
        ),
        (
            'The mayor said he is "ready to fight" following reports of kidnappings in the region.',
            'he is "ready to fight',
        ),
        (
            'The ministry said enemy troops fled in "apparent panic" leaving behind their tanks.',
            'enemy troops fled in "apparent panic" leaving behind their tanks',
        ),
        (
            'The minister said that "Russia has paid a huge price", using "up to $200 billion on its war".',
            'Russia has paid a huge price", using "up to $200 billion on its war',
        ),
        (
            "The general admitted there will be no breakthrough and the front is in a stalemate.",
            "there will be no breakthrough and the front is in a stalemate",
        ),
        (
            'He said the rebels want to surrender, but they "fear for their lives".',
            'the rebels want to surrender, but they "fear for their lives',
        ),
        (
            "Both sides say they want peace, but neither has offered concessions.",
            "they want peace",
        ),
        (
            "He said doctors changed his medicine to a different type that he suspected was not effective.",
            "doctors changed his medicine to a different type that he suspected was not effective",
        ),
        (
            "And, hospitals have few defences against such attacks, according to the magazine.",
            "hospitals have few defences against such attacks",
        ),
        (
            "KYIV\u2014Russia struck the power grid in the west overnight, officials said.",
            "Russia struck the power grid in the west overnight",
        ),
        (
            "Raupp said with the snow melting two weeks early, we can expect to see more ticks.",
            "with the snow melting two weeks early, we can expect to see more ticks",
        ),
        (
            "Raupp said if you find a tick on your skin remove it within a day.",
            "if you find a tick on your skin remove it within a day",
        ),
        (
            "She said the gap between what was planned and what was built was no longer small.",
            "the gap between what was planned and what was built was no longer small",
        ),
        (
            (
                "The army said its forces had repelled 15 attacks near the town, even as fighting continued "
                "in the east."
            ),
            "its forces had repelled 15 attacks near the town",
        ),
        (
            # a bare "as" often gives the speaker's own reason, so the clause runs on through it
            "The minister said the port must stay open, as the region depends on its grain exports.",
            "the port must stay open, as the region depends on its grain exports",
        ),
        (
            "A spokeswoman for the council confirmed the library would close in an email to residents.",
            "the library would close",
        ),
        (
            "The mayor said the bridge would reopen in spring in a statement on Monday.",
            "the bridge would reopen in spring",
        ),
        (
            "He said the talks had failed with recent statements showing little progress.",
            "the talks had failed with recent statements showing little progress",
        ),
        (
            "The lawyer insisted her client was innocent—despite witnesses placing him at the scene.",
            "her client was innocent",
        ),
        (
            "The foreign ministry said on Monday it had summoned the ambassador over the remarks.",
            "it had summoned the ambassador over the remarks",
        ),
        (
            (
                "Officials noted that the plan \u201cis not finished; several parts still need work\u201d "
                "before the vote."
            ),
            "the plan \u201cis not finished; several parts still need work",
        ),
        (
            (
                "Smith lamented that the minerals to build a green economy are right there in Ohio, which "
                "leads the nation in coal output."
            ),
            (
                "the minerals to build a green economy are right there in Ohio, which leads the nation in "
                "coal output"
            ),
        ),
    ],
)
def test_the_reported_clause_ends_where_the_speakers_words_end(analyse, text, content):
    """The writer's asides ("even as …", "despite …", "following …", also after a dash written tight
    against the words) end what was said, but a bare "as" may give the speaker's reason and stays; a
    closing phrase that says how it was said ("in an email to …") is no part of it; the time of saying
    ("said on Monday") does not begin it; words quoted inside the clause run to
    their closing mark; a participle
    without a comma, a second quoted stretch, a second clause after "and" (after "but" only with the
    speaker's quoted words), the second half of
    a clause the parser cut in two, a phrase fronted before the clause and a condition after the cue
    belong to it, and so does an "object" of "said" that holds a verb; a joining word and a dateline at
    the start do not."""
    assert [q.content.text for q in analyse(text).quotes] == [content]


def test_a_verb_that_names_something_is_no_cue_for_the_quote_after_it(analyse):
    """ "what she called a housing crisis" names the crisis; the quote that follows is the mayor's."""
    text = (
        "The mayor argued that the city had avoided what she called a housing crisis, "
        "\u201cwhich would have cost us years of work.\u201d"
    )
    assert [(q.speaker.text, q.cue.text) for q in analyse(text).quotes] == [("The mayor", "argued")]


def test_a_report_of_a_report_gives_both_quotes(analyse):
    text = 'A regional official said talks on the draft were "still open" and might change, it said.'
    assert summary(analyse(text)) == [
        (
            "indirect",
            "it",
            "said",
            'A regional official said talks on the draft were "still open" and might change',
        ),
        ("indirect", "A regional official", "said", 'talks on the draft were "still open" and might change'),
    ]


def test_quoted_fragments_stay_inside_the_indirect_quote(analyse):
    text = "Yurly Sak claimed that \u201cnew sites of atrocities\u201d were being discovered."
    assert summary(analyse(text)) == [
        ("indirect", "Yurly Sak", "claimed", "new sites of atrocities\u201d were being discovered"),
    ]


def test_quotation_marks_pair_by_style_and_skip_apostrophes():
    pairs = load_cues(Settings().resources).quote_pairs
    text = "He said \u201cUkraine\u2019s army is \u2018ready\u2019 now\u201d and left.\n\u201cStill open"
    found = [(text[q.start : q.end], q.closed) for q in find_quotations(text, pairs)]
    assert found == [("Ukraine\u2019s army is \u2018ready\u2019 now", True), ("Still open", False)]


def test_the_stage_needs_the_parse():
    analysis = Analysis(article=Article(id="bare", raw_text="He said so.", text="He said so."))
    with pytest.raises(StageFailure, match="parse"):
        QuoteFinder(Settings())(analysis)


def test_the_first_example_lists_the_quotes_of_sak_and_zelenskyy(analyse, shared_examples):
    text = shared_examples[0].read_text(encoding="utf-8")
    quotes = summary(analyse(text))
    sak = [q for q in quotes if q[1] in ("Sak", "Yurly Sak")]
    assert (
        "direct",
        "Sak",
        "said",
        "Men, women, children. Some of the bodies were dug out with their hands tied behind their backs",
    ) in sak
    assert any(q[3].startswith("We are seeing what we have warned about") and q[1] == "Sak" for q in sak)
    zelenskyy = [q for q in quotes if q[1] and "Zelenskyy" in q[1]]
    assert any(q[3].startswith("more than 440 graves were found") for q in zelenskyy)
    assert any(
        q[0] == "direct" and q[3].startswith("In any case, I can tell you honestly") for q in zelenskyy
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A drone hit the depot near the plant, management at the site reported on Thursday.",
            [("indirect", "management", "reported", "A drone hit the depot near the plant")],
        ),
        (
            "Zelensky to address the parliament in Mexico, say sources",
            [("indirect", "sources", "say", "Zelensky to address the parliament in Mexico")],
        ),
        (
            (
                "Russia's war poses the greatest threat to the economy, Treasury Secretary Janet Yellen "
                "said on Thursday, as ministers prepared to meet."
            ),
            [
                (
                    "indirect",
                    "Treasury Secretary Janet Yellen",
                    "said",
                    "Russia's war poses the greatest threat to the economy",
                )
            ],
        ),
        (
            "The agency reports: the minister said on Monday that the talks had failed.",
            [
                (
                    "indirect",
                    "The agency",
                    "reports",
                    "the minister said on Monday that the talks had failed",
                ),
                ("indirect", "the minister", "said", "the talks had failed"),
            ],
        ),
        (
            (
                "Mexico City: Zelensky will address Congress on Thursday, according to two people with "
                "knowledge of the plan."
            ),
            [("indirect", "two people", "according to", "Zelensky will address Congress on Thursday")],
        ),
        (
            (
                "Tom Baker, an adviser to the mayor, said the claims should be taken seriously, acknowledged "
                "there was doubt among voters as to whether the plan was too costly."
            ),
            [
                ("indirect", "Tom Baker", "said", "the claims should be taken seriously"),
                (
                    "indirect",
                    "Tom Baker",
                    "acknowledged",
                    "there was doubt among voters as to whether the plan was too costly",
                ),
            ],
        ),
        (
            "Pentagon Claims Drone Strike Hit Only Fighters\n\nThe strike took place on Monday.",
            [("indirect", "Pentagon", "Claims", "Drone Strike Hit Only Fighters")],
        ),
        (
            "UN Chief Warns of Deep Food Crisis at Summit in Rome\n\nThe summit opened on Monday.",
            [("indirect", "UN Chief", "Warns", "Deep Food Crisis")],
        ),
        (  # a hyphenated title and an acronym the tagger reads as "who" stay in the speaker
            "WHO Director-General Tedros Ghebreyesus Warns Of New Pandemic Risk\n\nHe spoke in Geneva.",
            [("indirect", "WHO Director-General Tedros Ghebreyesus", "Warns", "New Pandemic Risk")],
        ),
        (  # two verbs: the parser takes the first for a name in the subject of the second
            (
                "Guterres Appeals for Calm, Says Attack on Nuclear Plant Would Be Suicidal\n\n"
                "He spoke in Geneva."
            ),
            [("indirect", "Guterres", "Says", "Attack on Nuclear Plant Would Be Suicidal")],
        ),
        (
            "Zelensky Visits Front, Says Russia Is Losing the War\n\nHe spoke in Kharkiv.",
            [("indirect", "Zelensky", "Says", "Russia Is Losing the War")],
        ),
        (  # without a first verb and its comma a plural noun that is also a verb is the speaker
            "Human Rights Group Says Drone Strike Hit Only Fighters\n\nThe strike took place on Monday.",
            [("indirect", "Human Rights Group", "Says", "Drone Strike Hit Only Fighters")],
        ),
    ],
)
def test_attributions_the_parse_misses_are_read_from_the_words(analyse, text, expected):
    """Also title-case headlines, where the parser takes "Claims" or "Warns" for a name, and a second
    cue after a comma that the parser hangs on the first as part of its clause."""
    assert summary(analyse(text)) == expected


def test_a_second_cue_joined_to_the_reported_clause_shares_the_first_speaker(analyse):
    text = (
        "The survey's authors said the measurements left no room for doubt and warned that small glaciers "
        "could disappear within two decades."
    )
    assert summary(analyse(text)) == [
        ("indirect", "The survey's authors", "said", "the measurements left no room for doubt"),
        ("indirect", "The survey's authors", "warned", "small glaciers could disappear within two decades"),
    ]


def test_the_glacier_example_has_no_quote_of_the_measurements(analyse):
    example = Path(__file__).resolve().parents[2] / "examples" / "glacier_melt_alps.txt"
    text = example.read_text(encoding="utf-8")
    quotes = summary(analyse(text))
    assert not any(q[1] == "the measurements" for q in quotes)
    warned = [q for q in quotes if q[2] == "warned"]
    assert [q[1] for q in warned] == ["The survey's authors"]
    assert not any("warned" in q[3] for q in quotes)


def test_relayed_speech_gives_an_item_per_attribution_but_a_relayed_direct_quote_stays_one(analyse):
    relayed = (
        "Speaking in Minsk, Lavrov argued that \u201ceveryone is tired\u201d of the war, the state channel "
        "reported on Sunday."
    )
    assert summary(analyse(relayed)) == [
        (
            "indirect",
            "the state channel",
            "reported",
            "Speaking in Minsk, Lavrov argued that \u201ceveryone is tired\u201d of the war",
        ),
        ("indirect", "Lavrov", "argued", "everyone is tired\u201d of the war"),
    ]
    according = (
        "Military intelligence reported that troops are leaving the city, according to the Kyiv Independent."
    )
    assert [q[1] for q in summary(analyse(according))] == ["the Kyiv Independent", "Military intelligence"]
    direct = "\u201cWe will not retreat,\u201d the spokesman said in a statement, according to Reuters."
    assert summary(analyse(direct)) == [("direct", "the spokesman", "said", "We will not retreat")]


@pytest.mark.parametrize(
    "text",
    [
        "One could argue that the West has crossed that line.",
        "The campaign started as per the direction of the chief minister.",
    ],
)
def test_hypothetical_speech_and_orders_followed_are_not_quotes(analyse, text):
    assert summary(analyse(text)) == []


def test_he_is_left_unresolved_when_a_name_the_recogniser_missed_spoke_after_the_last_named_person(analyse):
    text = (
        "President Anna Kovalenko visited the front on Monday, her office said. "
        "Timur urged his men to lay down their arms. “We cannot win this war,” he said."
    )
    analysis = analyse(text, entities=[person("Anna Kovalenko", text)])
    speakers = {q.speaker.text: q.speaker_entity_id for q in analysis.quotes if q.speaker}
    assert speakers["he"] is None


def test_he_keeps_the_named_speaker_whose_surname_alone_was_not_recognised(analyse):
    text = (
        "Mike Litterst of the park service said the blossoms would open early this year. "
        "“It was so warm this winter,” Litterst said. The trees are confused. "
        "“We are seeing some confusion in the trees,” he said."
    )
    analysis = analyse(text, entities=[person("Mike Litterst", text)])
    speakers = {q.speaker.text: q.speaker_entity_id for q in analysis.quotes if q.speaker}
    assert speakers["he"] == "mike-litterst"
