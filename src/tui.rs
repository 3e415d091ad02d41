use crate::article::Article;
use crate::cli::Args;
use crate::render::theme::Theme;

pub fn run(article: Article, _args: &Args, theme: Theme) -> std::io::Result<()> {
    print!("{}", crate::print::render(&article, 80, &theme));
    Ok(())
}
