//! The Decide view (issue 8): the model parts it is built from, the scoring,
//! `update` for each Decide action, snapshots, and an
//! end-to-end run in a real pseudo-terminal.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use versus::app::{App, Options, View};
use versus::article::{self, Article};
use versus::decision::{self, Answer, Block, Outcome, Question};
use versus::event::{KeyCode, KeyEvent, KeyModifiers};
use versus::keys::Action;
use versus::render::theme::Theme;

fn fixture(name: &str) -> Article {
    let path = format!(
        "{}/tests/fixtures/decide/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    article::parse(&text, &path)
}

fn app_on(a: Article, w: u16, h: u16) -> App {
    App::new(
        a,
        Theme::new(false, false),
        Rect::new(0, 0, w, h),
        &Options {
            view: Some(View::Decide),
            ..Options::default()
        },
    )
}

fn app(w: u16, h: u16) -> App {
    app_on(article::bundled(), w, h)
}

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a);
    }
}

fn key(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t
}

fn screen(app: &App) -> String {
    draw(app).backend().to_string()
}

/// `j` and `k`: the footer's message gone, the cursor where it was.
fn press_j(app: &mut App) {
    key(app, 'j');
    key(app, 'k');
}

fn q(app: &App) -> Question {
    app.decide.current().unwrap()
}

// ---------------------------------------------------------------- the model

#[test]
fn bundled_article_has_criteria_examples_and_verdicts() {
    let a = article::bundled();
    let [django, flask] = &a.contenders[..] else {
        panic!("two contenders expected")
    };
    assert_eq!(django.choose_when.len(), 4);
    assert_eq!(
        django.choose_when[0].title.as_deref(),
        Some("You need a full-featured framework")
    );
    assert_eq!(django.examples.len(), 3);
    assert_eq!(django.examples[0], "E-commerce platforms");
    assert_eq!(flask.choose_when.len(), 4);
    assert_eq!(flask.examples.len(), 3);
    assert!(
        django
            .verdict
            .as_deref()
            .unwrap()
            .starts_with("Choose Django if")
    );
    assert!(
        flask
            .verdict
            .as_deref()
            .unwrap()
            .starts_with("Choose Flask if")
    );
}

#[test]
fn every_heading_variant_gives_criteria() {
    let a = fixture("variants.md");
    let names: Vec<&str> = a.contenders.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]
    );
    let first = |i: usize| {
        let it = &a.contenders[i].choose_when[0];
        it.title.clone().unwrap_or_else(|| it.text.clone())
    };
    // "When to Choose Alpha" (h2)
    assert_eq!(a.contenders[0].choose_when.len(), 2);
    assert_eq!(first(0), "You need joins");
    assert_eq!(a.contenders[0].choose_when[0].text, "Alpha joins anything.");
    assert_eq!(a.contenders[0].choose_when[1].title, None);
    // "When to use beta:" (lower case, trailing colon)
    assert_eq!(a.contenders[1].choose_when.len(), 1);
    assert_eq!(first(1), "Analytics at scale");
    // "When To PICK Gamma" (h4)
    assert_eq!(a.contenders[2].choose_when.len(), 2);
    assert_eq!(first(2), "Your data is nested.");
    // "Choose Delta if"
    assert_eq!(first(3), "Relationships are the data");
    // "Why choose Epsilon"
    assert_eq!(a.contenders[4].choose_when.len(), 1);
    assert_eq!(first(4), "Speed");
    // "ZETA IS BEST FOR:"
    assert_eq!(a.contenders[5].choose_when.len(), 2);
    assert_eq!(first(5), "Metrics");
    // "When to Choose Omega": Omega is no contender.
    assert!(
        a.contenders
            .iter()
            .flat_map(|c| &c.choose_when)
            .all(|i| !i.text.contains("Omega"))
    );
}

#[test]
fn examples_come_from_a_sub_heading_of_the_section() {
    let a = fixture("variants.md");
    assert_eq!(
        a.contenders[0].examples,
        ["Accounting systems", "Inventory: stock and orders"]
    );
    assert_eq!(a.contenders[3].examples, ["Social graphs"]);
    assert!(a.contenders[1].examples.is_empty());
    let t = fixture("three.md");
    assert_eq!(t.contenders[0].examples, ["Newsrooms", "Online shops"]);
    assert_eq!(t.contenders[2].examples, ["Machine-learning model servers"]);
}

#[test]
fn verdict_is_a_line_of_the_last_conclusion_naming_one_contender() {
    let a = fixture("variants.md");
    let v = |i: usize| a.contenders[i].verdict.clone();
    // The last of "Summary" and "Bottom Line" counts: Delta's lines are in the first.
    assert_eq!(v(3), None);
    // A sentence naming exactly one contender.
    assert_eq!(v(0).as_deref(), Some("Alpha is the safe default."));
    assert_eq!(
        v(5).as_deref(),
        Some("Zeta is for metrics; choose it when you store time series.")
    );
    // A sentence naming two is nobody's verdict.
    assert_eq!(v(1), None);
    assert_eq!(v(2), None);
    // A list item.
    assert_eq!(v(4).as_deref(), Some("Pick Epsilon for caches."));
    let t = fixture("three.md");
    assert_eq!(
        t.contenders[1].verdict.as_deref(),
        Some("Choose Flask for small services you want to shape yourself.")
    );
    let n = fixture("no-criteria.md");
    assert!(n.contenders.iter().all(|c| c.verdict.is_none()));
}

#[test]
fn json_has_choose_when_examples_and_verdict() {
    let v = serde_json::to_value(fixture("no-criteria.md")).unwrap();
    let c = &v["contenders"][0];
    assert_eq!(c["choose_when"], serde_json::json!([]));
    assert_eq!(c["examples"], serde_json::json!([]));
    assert_eq!(c["verdict"], serde_json::Value::Null);
    let v = serde_json::to_value(article::bundled()).unwrap();
    let c = &v["contenders"][0];
    assert_eq!(
        c["choose_when"][0]["title"],
        "You need a full-featured framework"
    );
    assert_eq!(c["examples"][2], "Social media applications");
    assert!(c["verdict"].as_str().unwrap().starts_with("Choose Django"));
}

// ---------------------------------------------------------------- scoring

#[test]
fn scoring_rule_on_three_contenders() {
    let a = fixture("three.md");
    let mut ans = decision::Answers::default();
    ans.toggle(Question::Criterion {
        contender: 2,
        item: 0,
    });
    ans.toggle(Question::Criterion {
        contender: 2,
        item: 1,
    });
    ans.set(Question::Row(1), Some(Answer::Pick(2)));
    ans.toggle(Question::Pro {
        contender: 0,
        item: 0,
    });
    ans.toggle(Question::Con {
        contender: 1,
        item: 0,
    });
    let s = decision::score(&a, &ans);
    assert_eq!(s.totals, vec![1, -2, 3]);
    assert_eq!(s.outcome(), Outcome::Leader(2));
    assert_eq!(s.reasons[2][0].text, "preferred on Speed");
    assert_eq!(s.reasons[1][0].points, decision::CON_POINTS);
    assert_eq!(
        decision::outcome_line(&a, &s),
        "FastAPI fits your answers best (3 points; Django 1, Flask -2)."
    );
}

#[test]
fn a_tie_between_two_of_three() {
    let a = fixture("three.md");
    let mut ans = decision::Answers::default();
    ans.set(Question::Row(0), Some(Answer::Pick(0)));
    ans.set(Question::Row(1), Some(Answer::Pick(2)));
    let s = decision::score(&a, &ans);
    assert_eq!(
        s.outcome(),
        Outcome::Tie {
            contenders: vec![0, 2],
            points: 1
        }
    );
    assert_eq!(
        decision::outcome_line(&a, &s),
        "It's a tie: Django and FastAPI, 1 each; Flask 0."
    );
}

#[test]
fn articles_without_criteria_still_have_rows_and_pros_and_cons() {
    let a = fixture("no-criteria.md");
    let qs = decision::questions(&a);
    assert!(qs.iter().all(|q| q.block() != Block::Need));
    assert_eq!(
        qs.iter().filter(|q| q.block() == Block::Features).count(),
        2
    );
    assert_eq!(qs.iter().filter(|q| q.block() == Block::Matters).count(), 2);
    assert!(decision::questions(&fixture("nothing.md")).is_empty());
}

// ---------------------------------------------------------------- update

#[test]
fn moving_between_questions_and_blocks() {
    let mut app = app(80, 24);
    assert_eq!(
        q(&app),
        Question::Criterion {
            contender: 0,
            item: 0
        }
    );
    run(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(app.decide.cursor, 2);
    run(&mut app, &[Action::Up]);
    assert_eq!(app.decide.cursor, 1);
    run(&mut app, &[Action::NextSection]);
    assert_eq!(q(&app), Question::Row(0));
    run(&mut app, &[Action::Down, Action::NextSection]);
    assert_eq!(
        q(&app),
        Question::Pro {
            contender: 0,
            item: 0
        }
    );
    // J in the last block stays; K goes back a block at a time.
    run(&mut app, &[Action::NextSection]);
    assert_eq!(q(&app).block(), Block::Matters);
    run(&mut app, &[Action::Down, Action::Down, Action::PrevSection]);
    assert_eq!(q(&app), Question::Row(0));
    run(&mut app, &[Action::PrevSection, Action::PrevSection]);
    assert_eq!(app.decide.cursor, 0);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(
        q(&app),
        Question::Con {
            contender: 1,
            item: 2
        }
    );
    run(&mut app, &[Action::Down]);
    assert_eq!(app.decide.cursor, 27, "stays on the last question");
    run(&mut app, &[Action::Top]);
    assert_eq!(app.decide.cursor, 0);
    run(&mut app, &[Action::Up]);
    assert_eq!(app.decide.cursor, 0);
}

#[test]
fn paging_moves_by_about_a_screen() {
    let mut app = app(80, 24);
    run(&mut app, &[Action::PageDown]);
    let after_page = app.decide.cursor;
    assert!(
        after_page >= 5,
        "a page covers several questions: {after_page}"
    );
    run(&mut app, &[Action::PageUp]);
    assert_eq!(app.decide.cursor, 0);
    run(&mut app, &[Action::HalfDown]);
    let half = app.decide.cursor;
    assert!(half >= 1 && half < after_page, "{half} vs {after_page}");
    run(&mut app, &[Action::HalfUp]);
    assert_eq!(app.decide.cursor, 0);
}

#[test]
fn space_checks_and_unchecks_criteria_pros_and_cons() {
    let mut app = app(80, 24);
    let c0 = q(&app);
    run(&mut app, &[Action::Toggle]);
    assert!(app.decide.answers.checked(c0));
    run(&mut app, &[Action::Toggle]);
    assert!(!app.decide.answers.checked(c0));
    run(
        &mut app,
        &[Action::Toggle, Action::NextSection, Action::NextSection],
    );
    let pro = q(&app);
    run(&mut app, &[Action::Toggle]);
    assert!(app.decide.answers.checked(pro));
    run(
        &mut app,
        &[Action::Down, Action::Down, Action::Down, Action::Down],
    );
    let con = q(&app);
    assert!(matches!(con, Question::Con { .. }));
    run(&mut app, &[Action::Toggle]);
    let s = decision::score(&app.article, &app.decide.answers);
    assert_eq!(s.totals, vec![1 + 1 - 2, 0]);
}

#[test]
fn left_and_right_pick_on_rows_and_zero_clears() {
    let mut app = app(80, 24);
    run(&mut app, &[Action::NextSection]);
    run(&mut app, &[Action::Right]);
    assert_eq!(app.decide.answers.picked(0), Some(1), "→ from none: Flask");
    run(&mut app, &[Action::Left]);
    assert_eq!(app.decide.answers.picked(0), Some(0));
    run(&mut app, &[Action::Left]);
    assert_eq!(
        app.decide.answers.picked(0),
        Some(0),
        "stays at the left end"
    );
    run(&mut app, &[Action::ClearPick]);
    assert_eq!(app.decide.answers.picked(0), None);
    run(&mut app, &[Action::Left]);
    assert_eq!(app.decide.answers.picked(0), Some(0), "← from none: Django");
    // Space steps through the contenders, then none.
    run(&mut app, &[Action::Down, Action::Toggle]);
    assert_eq!(app.decide.answers.picked(1), Some(0));
    run(&mut app, &[Action::Toggle]);
    assert_eq!(app.decide.answers.picked(1), Some(1));
    run(&mut app, &[Action::Toggle]);
    assert_eq!(app.decide.answers.picked(1), None);
    // On a checkbox ←/→ only explain; 0 unchecks.
    run(&mut app, &[Action::Top, Action::Toggle, Action::Right]);
    assert!(app.status.as_deref().unwrap().contains("pick"));
    assert_eq!(app.decide.answers.len(), 2);
    run(&mut app, &[Action::ClearPick]);
    assert_eq!(app.decide.answers.len(), 1);
}

#[test]
fn clear_all_asks_first() {
    let mut app = app(80, 24);
    run(&mut app, &[Action::ClearAll]);
    assert!(!app.decide.confirm, "nothing to clear");
    assert_eq!(app.status.as_deref(), Some("no answers to clear"));
    run(&mut app, &[Action::Toggle, Action::Down, Action::Toggle]);
    key(&mut app, 'x');
    assert!(app.decide.confirm);
    assert!(screen(&app).contains("Clear all 2 answers? y clears, n keeps them"));
    key(&mut app, 'n');
    assert!(!app.decide.confirm);
    assert_eq!(app.decide.answers.len(), 2);
    key(&mut app, 'x');
    key(&mut app, 'y');
    assert!(app.decide.answers.is_empty());
    assert_eq!(app.status.as_deref(), Some("cleared 2 answers"));
    // Any other key keeps the answers and then does its own work.
    run(&mut app, &[Action::Toggle]);
    key(&mut app, 'x');
    key(&mut app, 'j');
    assert!(!app.decide.confirm);
    assert_eq!(app.decide.answers.len(), 1);
    assert_eq!(app.decide.cursor, 2);
}

#[test]
fn blind_mode_hides_the_contender_and_keeps_the_cursor_on_its_question() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::Down]);
    let before = q(&app);
    assert!(screen(&app).contains("You need a full-featured framework — Django"));
    run(&mut app, &[Action::Blind]);
    assert!(app.decide.blind);
    assert_eq!(q(&app), before);
    assert_eq!(
        app.decide.shown()[app.decide.cursor],
        before,
        "the cursor stays on its question in the shuffled order"
    );
    let s = screen(&app);
    assert!(s.contains("You need a full-featured framework "));
    assert!(!s.contains("— Django"));
    assert!(!s.contains("— Flask"));
    assert!(s.contains("blind"));
    run(&mut app, &[Action::Blind]);
    assert!(!app.decide.blind);
    assert_eq!(q(&app), before);
}

/// The questions pane and the score pane of a Decide screen, apart.
fn panes_text(app: &App) -> (String, String) {
    let p = app.decide_panes();
    let t = draw(app);
    let buf = t.backend().buffer();
    let text = |r: Rect| {
        let mut s = String::new();
        for y in r.top()..r.bottom() {
            for x in r.left()..r.right() {
                s.push_str(buf[(x, y)].symbol());
            }
            s.push('\n');
        }
        s
    };
    (text(p.questions), p.score.map(text).unwrap_or_default())
}

#[test]
fn blind_mode_hides_the_score_the_reasons_and_names_until_revealed() {
    for (w, h) in [(120u16, 40u16), (60, 30)] {
        let mut app = app(w, h);
        // Check two of Django's criteria: Django leads, with reasons.
        run(&mut app, &[Action::Toggle, Action::Down, Action::Toggle]);
        let (_, score) = panes_text(&app);
        assert!(score.contains("Django"), "{w}x{h}: {score}");
        run(&mut app, &[Action::Blind]);
        // The cursor on a criterion whose detail names Django ("Django’s scalability").
        let at = app
            .decide
            .shown()
            .iter()
            .position(|q| {
                *q == Question::Criterion {
                    contender: 0,
                    item: 1,
                }
            })
            .unwrap();
        app.decide.cursor = at;
        run(&mut app, &[Action::Down, Action::Up]);
        assert_eq!(app.decide.cursor, at);
        let (questions, score) = panes_text(&app);
        // The criteria block (rows and pros/cons below are about a contender by design).
        let questions = questions
            .split("Feature by feature")
            .next()
            .unwrap()
            .to_string();
        assert!(questions.contains("scalability"), "{w}x{h}: {questions}");
        for name in ["Django", "Flask"] {
            assert!(
                !questions.contains(name) && !score.contains(name),
                "{w}x{h}: blind mode names {name}:\n{questions}\n{score}"
            );
        }
        assert!(questions.contains("[?]’s scalability"), "{questions}");
        assert!(score.contains("blind mode"), "{w}x{h}: {score}");
        assert!(!score.contains("Why") && !score.contains("fits"), "{score}");
        // r reveals the score and the reasons; the questions stay blind.
        key(&mut app, 'r');
        assert!(app.decide.blind && app.decide.revealed);
        let (questions, score) = panes_text(&app);
        assert!(score.contains("Django"), "{w}x{h}: {score}");
        assert!(!questions.contains("— Django"));
        assert!(screen(&app).contains("revealed"));
        press_j(&mut app);
        assert!(screen(&app).contains("blind, revealed"), "{}", screen(&app));
        // b leaves blind mode; b again hides the score again.
        key(&mut app, 'b');
        assert!(!app.decide.blind);
        key(&mut app, 'b');
        assert!(app.decide.blind && !app.decide.revealed);
        assert!(!panes_text(&app).1.contains("Django"));
    }
    // Outside blind mode r only says what it is for.
    let mut app = app(120, 40);
    key(&mut app, 'r');
    assert!(app.status.as_deref().unwrap().contains("blind mode"));
}

#[test]
fn blind_mode_search_does_not_find_criteria_by_contender() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::Blind]);
    app.on_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    for c in "django".chars() {
        key(&mut app, c);
    }
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    // The criteria block is 8 questions; none of its matches may count.
    let (unit, _) = app
        .search
        .current()
        .expect("Django is named below the criteria");
    assert!(unit >= 8, "a criterion found by its contender's name");
    // Outside blind mode the same search starts in the criteria.
    run(&mut app, &[Action::Blind, Action::Top]);
    app.on_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE));
    assert!(app.search.current().unwrap().0 < 8);
}

#[test]
fn answers_persist_across_views() {
    let mut app = app(100, 30);
    run(
        &mut app,
        &[Action::Toggle, Action::ViewRead, Action::ViewTable],
    );
    run(
        &mut app,
        &[Action::Down, Action::NextView, Action::NextView],
    );
    assert_eq!(app.view, View::Decide);
    assert_eq!(app.decide.answers.len(), 1);
    assert_eq!(app.decide.cursor, 0);
}

#[test]
fn pros_and_cons_view_marks_the_answers() {
    let mut app = app(100, 30);
    run(
        &mut app,
        &[Action::NextSection, Action::NextSection, Action::Toggle],
    );
    run(
        &mut app,
        &[Action::Bottom, Action::Toggle, Action::ViewPros],
    );
    let s = screen(&app);
    assert!(
        s.contains("✓ Comprehensive Framework  matters to you"),
        "{s}"
    );
    assert!(s.contains("✗ Limited Admin Support  rules it out"), "{s}");
    assert!(s.contains("+ Scalable"));
}

#[test]
fn copy_puts_the_summary_on_the_clipboard() {
    let mut app = app(80, 24);
    run(&mut app, &[Action::Copy]);
    assert_eq!(app.clipboard, None);
    assert_eq!(app.status.as_deref(), Some("nothing to copy here"));
    run(&mut app, &[Action::Toggle, Action::Down, Action::Toggle]);
    run(
        &mut app,
        &[Action::NextSection, Action::Right, Action::Copy],
    );
    let text = app.clipboard.clone().unwrap();
    assert!(text.contains("Result: Django fits your answers best (2 points; Flask 1)."));
    assert!(text.contains("Philosophy: Flask, \"Minimalistic, build-your-own approach\" (+1)"));
    assert!(text.contains("Scoring: +1 per checked criterion"));
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("copied the decision summary")
    );
}

#[test]
fn decide_out_writes_markdown() {
    let path = std::env::temp_dir().join(format!("versus-decide-{}.md", std::process::id()));
    let mut app = App::new(
        article::bundled(),
        Theme::new(false, false),
        Rect::new(0, 0, 100, 30),
        &Options {
            view: Some(View::Decide),
            decide_out: Some(path.clone()),
            ..Options::default()
        },
    );
    run(&mut app, &[Action::Toggle, Action::Quit]);
    assert!(app.quit);
    versus::tui::write_decide_out(&app).unwrap();
    let md = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(md.starts_with("# Decision: Django vs Flask\n"));
    assert!(md.contains("**Result:** Django fits your answers best (1 point; Flask 0)."));
    assert!(md.contains("- You need a full-featured framework (Django, +1)"));
    // The panel says where it goes.
    assert!(screen(&app).contains("Saved to"));
    // An unwritable path is an error that names the flag.
    app.decide.out = Some("/nonexistent-dir/x.md".into());
    let e = versus::tui::write_decide_out(&app).unwrap_err();
    assert!(e.to_string().contains("--decide-out"));
}

#[test]
fn search_steps_through_questions() {
    let mut app = app(80, 24);
    key(&mut app, '/');
    for c in "admin".chars() {
        key(&mut app, c);
    }
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let first = app.decide.cursor;
    assert_eq!(
        q(&app),
        Question::Criterion {
            contender: 0,
            item: 3
        },
        "\"You want a robust admin interface\""
    );
    key(&mut app, 'n');
    assert!(app.decide.cursor > first);
    assert!(app.search.summary().unwrap().starts_with("match 2/"));
}

// ------------------------------------------------------- layout invariants

/// The cursor's question is on screen: its first line shows the pointer.
fn cursor_visible(app: &App) -> bool {
    let t = draw(app);
    let buf = t.backend().buffer();
    let pick = app.theme.glyphs.pick;
    (0..buf.area.height).any(|y| buf[(0, y)].symbol() == pick)
}

#[test]
fn the_cursor_stays_visible_while_moving_and_resizing() {
    for (w, h) in [(80, 24), (120, 40), (50, 14), (30, 8), (72, 10)] {
        let mut app = app(w, h);
        let n = app.decide.shown().len();
        for i in 0..n {
            assert!(cursor_visible(&app), "{w}x{h} at question {i}");
            run(&mut app, &[Action::Down]);
        }
        for _ in 0..n {
            run(&mut app, &[Action::Up]);
            assert!(cursor_visible(&app), "{w}x{h} going up");
        }
        run(&mut app, &[Action::Bottom]);
        app.resize(w + 13, h + 5);
        assert!(cursor_visible(&app), "after growing {w}x{h}");
        app.resize(w.saturating_sub(7).max(20), h.saturating_sub(2).max(6));
        assert!(cursor_visible(&app), "after shrinking {w}x{h}");
        run(&mut app, &[Action::PrevSection]);
        assert!(cursor_visible(&app), "after K at {w}x{h}");
    }
}

/// The same answers, cursor and scroll in a new app: nothing laid out or cached yet.
fn fresh_copy(app: &App) -> App {
    let mut f = app_on((*app.article).clone(), app.size.width, app.size.height);
    f.decide.answers = app.decide.answers.clone();
    f.decide.blind = app.decide.blind;
    f.decide.cursor = app.decide.cursor;
    f.decide.scroll = app.decide.scroll;
    f.status = app.status.clone();
    f
}

fn generated(bytes: usize) -> Article {
    article::parse(&versus::r#gen::generate_article(bytes), "generated.md")
}

/// xorshift: the same actions every run.
fn actions(seed: u64, n: usize) -> Vec<Action> {
    const ALL: [Action; 15] = [
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::HalfDown,
        Action::HalfUp,
        Action::NextSection,
        Action::PrevSection,
        Action::Toggle,
        Action::Left,
        Action::Right,
        Action::ClearPick,
        Action::Blind,
    ];
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ALL[(x % ALL.len() as u64) as usize]
        })
        .collect()
}

#[test]
fn answers_and_blind_mode_far_down_a_large_article_show_as_laid_out_afresh() {
    let a = generated(300_000);
    for (i, (w, h)) in [(120u16, 40u16), (80, 24), (50, 14), (30, 8)]
        .into_iter()
        .enumerate()
    {
        let mut app = app_on(a.clone(), w, h);
        run(&mut app, &[Action::Bottom]);
        for (k, action) in actions(0x5eed + i as u64, 150).into_iter().enumerate() {
            run(&mut app, &[action]);
            // Answers change the cached questions, blind mode their order.
            assert_eq!(
                screen(&app),
                screen(&fresh_copy(&app)),
                "{w}x{h}, action {k} ({action:?})"
            );
        }
    }
}

/// The questions pane: the rows beside or above the score panel.
fn questions_pane(app: &App) -> Vec<String> {
    let s = screen(app);
    let rows: Vec<String> = s.lines().map(str::to_string).collect();
    let p = versus::app::decide::panes(
        versus::app::geometry::body(app.size),
        app.article.contenders.len(),
    );
    rows[usize::from(p.questions.y)..usize::from(p.questions.bottom())].to_vec()
}

#[test]
fn a_block_heading_counts_answers_given_far_below_it() {
    let mut app = app_on(generated(300_000), 120, 40);
    while app.decide.current().map(|q| q.block()) != Some(Block::Matters) {
        run(&mut app, &[Action::NextSection]);
    }
    let first = app.decide.cursor;
    for _ in 0..5 {
        run(&mut app, &[Action::Toggle]);
        for _ in 0..20 {
            run(&mut app, &[Action::Down]);
        }
    }
    let heading = |app: &App| questions_pane(app).concat().contains("What matters");
    assert!(!heading(&app), "the heading is off screen");
    run(&mut app, &[Action::PrevSection, Action::NextSection]);
    assert_eq!(app.decide.cursor, first);
    let n = app.decide.block_range(Block::Matters).len();
    assert!(
        screen(&app).contains(&format!("What matters 5/{n} checked")),
        "{}",
        screen(&app)
    );
}

#[test]
fn entering_and_answering_lay_out_only_what_is_near_the_screen() {
    let mut app = app_on(generated(300_000), 120, 40);
    let n = app.decide.shown().len();
    assert!(n > 500, "{n} questions");
    let _ = draw(&app);
    for action in [
        Action::Toggle,
        Action::Bottom,
        Action::Toggle,
        Action::Blind,
    ] {
        run(&mut app, &[action]);
        let _ = draw(&app);
        assert!(
            app.decide.laid_out() < 100,
            "{action:?}: {}",
            app.decide.laid_out()
        );
    }
}

#[test]
fn blind_mode_leaves_the_questions_below_the_criteria_in_place() {
    // At 50 cells blind mode changes how the criteria above wrap.
    let mut app = app(50, 14);
    run(&mut app, &[Action::NextSection, Action::Down, Action::Down]);
    for _ in 0..3 {
        run(&mut app, &[Action::Down]);
    }
    let before = questions_pane(&app);
    run(&mut app, &[Action::Blind]);
    assert_eq!(questions_pane(&app), before);
    run(&mut app, &[Action::Blind]);
    assert_eq!(questions_pane(&app), before);
}

#[test]
fn every_size_renders_without_panic() {
    for a in [
        article::bundled(),
        fixture("three.md"),
        fixture("no-criteria.md"),
        fixture("nothing.md"),
    ] {
        let mut app = app_on(a, 80, 24);
        run(
            &mut app,
            &[
                Action::Toggle,
                Action::NextSection,
                Action::Right,
                Action::Bottom,
                Action::Toggle,
            ],
        );
        for w in (1..=130).step_by(3) {
            for h in [1, 2, 3, 5, 6, 7, 9, 12, 17, 24, 41] {
                app.resize(w, h);
                run(&mut app, &[Action::Up, Action::Blind]);
                let _ = draw(&app);
            }
        }
    }
}

#[test]
fn three_contenders_get_three_bars() {
    let mut app = app_on(fixture("three.md"), 100, 30);
    run(
        &mut app,
        &[Action::NextSection, Action::Down, Action::Right],
    );
    let s = screen(&app);
    assert_eq!(bar(&s, "Django"), Some((0, 0)), "{s}");
    assert_eq!(bar(&s, "Flask"), Some((0, 0)), "{s}");
    let (cells, score) = bar(&s, "FastAPI").unwrap();
    assert_eq!(score, 1);
    assert!(cells > 10);
    assert!(s.contains("FastAPI fits your answers best."));
    assert!(s.contains("Choose FastAPI for typed, fast"));
    assert!(s.contains("Suited for: Machine-learning model"));
}

#[test]
fn missing_parts_are_explained() {
    let s = screen(&app_on(fixture("no-criteria.md"), 80, 24));
    assert!(!s.contains("What you need"));
    assert!(s.contains("Feature by feature"));
    assert!(s.contains("What matters"));
    let s = screen(&app_on(fixture("nothing.md"), 80, 24));
    assert!(
        s.contains("no \"when to choose\" criteria, no feature"),
        "{s}"
    );
}

#[test]
fn narrow_terminals_get_a_compact_score_panel() {
    let mut app = app(50, 20);
    run(&mut app, &[Action::Toggle]);
    let s = screen(&app);
    assert!(s.contains("── Score ──"));
    assert!(s.contains("Django fits your answers best."));
    assert!(s.contains("Flask  0"));
}

#[test]
fn ascii_bars_use_hashes() {
    let mut app = App::new(
        article::bundled(),
        Theme::new(false, true),
        Rect::new(0, 0, 80, 24),
        &Options {
            view: Some(View::Decide),
            ..Options::default()
        },
    );
    run(&mut app, &[Action::Toggle]);
    let s = screen(&app);
    assert!(s.contains("Django ####"), "{s}");
    assert!(!s.contains('█'));
}

/// A contender's bar in the score panel (right of the last vertical rule):
/// its length in cells and the score printed after it.
fn bar(screen: &str, name: &str) -> Option<(usize, i32)> {
    screen.lines().find_map(|l| {
        let panel = l.trim_matches('"').rsplit('│').next()?.trim();
        let rest = panel.strip_prefix(name)?.trim();
        let (bars, num) = rest.rsplit_once(' ').unwrap_or(("", rest));
        let bars = bars.trim();
        let score: i32 = num.parse().ok()?;
        bars.chars()
            .all(|c| c == '█' || c == '#')
            .then(|| (bars.chars().count(), score))
    })
}

// ---------------------------------------------------------------- snapshots

fn answered(app: &mut App) {
    // Two Django criteria, Flask on "Learning Curve" and a Django pro that
    // matters: Django 3, Flask 1.
    run(
        app,
        &[
            Action::Toggle,
            Action::Down,
            Action::Toggle,
            Action::NextSection,
            Action::Down,
            Action::Down,
            Action::Right,
            Action::NextSection,
            Action::Toggle,
            Action::Top,
        ],
    );
}

macro_rules! snap {
    ($name:expr, $app:expr) => {{
        let t = draw(&$app);
        insta::assert_snapshot!($name, t.backend());
    }};
}

#[test]
fn snapshots_bundled() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let fresh = app(w, h);
        snap!(format!("decide_fresh_{w}x{h}"), fresh);
        let mut with = app(w, h);
        answered(&mut with);
        snap!(format!("decide_answers_{w}x{h}"), with);
        let mut blind = app(w, h);
        answered(&mut blind);
        run(&mut blind, &[Action::Blind]);
        snap!(format!("decide_blind_{w}x{h}"), blind);
    }
}

#[test]
fn snapshots_three_contenders() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut a = app_on(fixture("three.md"), w, h);
        run(
            &mut a,
            &[
                Action::Bottom,
                Action::Toggle,
                Action::Top,
                Action::Toggle,
                Action::NextSection,
                Action::Down,
                Action::Right,
            ],
        );
        snap!(format!("decide_three_{w}x{h}"), a);
    }
}

#[test]
fn snapshot_narrow() {
    let mut a = app(50, 20);
    answered(&mut a);
    snap!("decide_answers_50x20", a);
}

// ---------------------------------------------------------------- pty

#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

mod end_to_end {
    use super::pty::Pty;
    use std::time::{Duration, Instant};

    /// Waits until `ok` holds for the screen; fails with the screen.
    fn wait(p: &mut Pty, what: &str, ok: impl Fn(&str) -> bool) {
        let end = Instant::now() + Duration::from_secs(20);
        while !ok(&p.screen()) {
            assert!(
                Instant::now() < end,
                "timed out waiting for {what}; screen:\n{}",
                p.screen()
            );
            p.pump(Duration::from_millis(50));
        }
    }

    /// "Django ████ 2": a bar of some length and the score after it.
    fn bar_row(screen: &str, name: &str, score: i32) -> bool {
        super::bar(screen, name).is_some_and(|(cells, s)| cells > 0 && s == score)
    }

    #[test]
    fn decide_in_a_real_terminal() {
        let out = std::env::temp_dir().join(format!("versus-pty-decide-{}.md", std::process::id()));
        let out_s = out.to_string_lossy().to_string();
        let mut p = Pty::spawn(&["--decide-out", &out_s], 100, 30, &[]);
        p.wait_for("Django vs Flask");
        p.send("4");
        p.wait_for("What you need 0/8 checked");
        // Two Django criteria, then Flask on the first table row.
        p.send(" j ");
        p.wait_for("What you need 2/8 checked");
        p.send("Jl");
        wait(&mut p, "the bars", |t| {
            bar_row(t, "Django", 2) && bar_row(t, "Flask", 1)
        });
        let t = p.screen();
        assert!(t.contains("Django fits your answers best."), "{t}");
        assert!(t.contains("Choose Django if you need a"), "{t}");
        assert!(t.contains("Philosophy ▸ Flask"), "{t}");
        p.send("q");
        assert_eq!(p.wait_exit(), 0);
        p.assert_restored();
        let md = std::fs::read_to_string(&out).unwrap();
        let _ = std::fs::remove_file(&out);
        assert!(
            md.contains("Django fits your answers best (2 points; Flask 1)."),
            "{md}"
        );
        assert!(md.contains("Philosophy: Flask"), "{md}");
    }
}
