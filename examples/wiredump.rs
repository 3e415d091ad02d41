// scratch: bytes per key in-process
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use versus::app::{App, Options};
use versus::render::theme::Theme;
use versus::wire::Screen;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let w: u16 = args.get(1).map_or(120, |s| s.parse().unwrap());
    let h: u16 = args.get(2).map_or(40, |s| s.parse().unwrap());
    let show: usize = args.get(3).map_or(999, |s| s.parse().unwrap());
    let mut app = App::new(versus::article::bundled(), Theme::new(true, false), Rect::new(0, 0, w, h), &Options::default());
    if std::env::var("OUTLINE").is_ok() {
        versus::tui::handle(&mut app, Event::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE)));
    }
    let mut s = Screen::new(Vec::new(), w, h);
    versus::tui::draw(&mut s, &mut app).unwrap();
    println!("first {}", s.get_ref().len());
    let mut keys = vec![KeyCode::Down; 20];
    keys.extend([KeyCode::PageDown; 3]);
    keys.extend([KeyCode::Up; 5]);
    let mut total = 0;
    for (i, k) in keys.iter().enumerate() {
        s.get_mut().clear();
        versus::tui::handle(&mut app, Event::Key(KeyEvent::new(*k, KeyModifiers::NONE)));
        versus::tui::draw(&mut s, &mut app).unwrap();
        let out = s.get_ref();
        total += out.len();
        println!("{i} {:?} {} {:?}", k, out.len(), s.last.scroll);
        if i == show {
            println!("{}", String::from_utf8_lossy(out).replace('\x1b', "␛"));
        }
    }
    println!("avg {}", total / keys.len());
}
