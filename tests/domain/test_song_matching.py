"""The same song, typed two ways or from two sources, is one song; a different recording
or another artist's song is not. Real-world pairs."""

import pytest

from liveparty.catalog.matching import song_key

SAME = [
    (("Tuesday (feat. Drake)", "iLoveMakonnen"), ("Tuesday", "iLoveMakonnen, Drake")),
    (("Uptown Funk (feat. Bruno Mars)", "Mark Ronson"), ("Uptown Funk", "Mark Ronson, Bruno Mars")),
    (("Crazy In Love (feat. Jay-Z)", "Beyoncé"), ("Crazy in Love", "Beyonce & JAY-Z")),
    (("Get Lucky (feat. Pharrell Williams & Nile Rodgers)", "Daft Punk"), ("Get Lucky", "Daft Punk")),
    (("Old Town Road (Remix) ft. Billy Ray Cyrus", "Lil Nas X"), ("Old Town Road (Remix)", "Lil Nas X")),
    (("Stay With Me", "Sam Smith"), ("STAY WITH ME", "sam smith")),
    (("Déjà Vu", "Beyoncé"), ("Deja Vu", "Beyonce")),
    (("Señorita", "Shawn Mendes, Camila Cabello"), ("Senorita", "Shawn Mendes & Camila Cabello")),
    (("Hey Jude - Remastered 2015", "The Beatles"), ("Hey Jude", "Beatles")),
    (("Let It Be (Remastered 2009)", "The Beatles"), ("Let It Be", "The Beatles")),
    (("Bohemian Rhapsody - 2011 Remaster", "Queen"), ("Bohemian Rhapsody", "Queen")),
    (("Smells Like Teen Spirit (Radio Edit)", "Nirvana"), ("Smells Like Teen Spirit", "Nirvana")),
    (("Wonderwall - Single Version", "Oasis"), ("Wonderwall", "Oasis")),
    (("HUMBLE. (Explicit)", "Kendrick Lamar"), ("HUMBLE.", "Kendrick Lamar")),
    (("Good Vibrations (Mono)", "The Beach Boys"), ("Good Vibrations", "Beach Boys")),
    (("Africa [Remastered]", "Toto"), ("Africa", "TOTO")),
    (("Don't Stop Me Now", "Queen"), ("Dont Stop Me Now", "Queen")),
    (("Don\u2019t Stop Believin\u2019", "Journey"), ("Don't Stop Believin'", "Journey")),
    (("Rock & Roll", "Led Zeppelin"), ("Rock and Roll", "Led Zeppelin")),
    (("September", "Earth, Wind & Fire"), ("September", "Earth, Wind and Fire")),
    (("Under Pressure", "Queen & David Bowie"), ("Under Pressure", "Queen")),
    (("Lose Yourself - Album Version", "Eminem"), ("Lose Yourself", "Eminem")),
    (("Shape of You", "Ed Sheeran"), ("Shape Of You", "Ed Sheeran")),
    (("Hotline Bling", "Drake"), ("Hotline  Bling ", " Drake")),
    (("One Dance (with WizKid & Kyla)", "Drake"), ("One Dance", "Drake, WizKid, Kyla")),
    (("Mr. Brightside", "The Killers"), ("Mr Brightside", "Killers")),
    (("Stayin' Alive - 2007 Remastered Version", "Bee Gees"), ("Stayin' Alive", "Bee Gees")),
    (("Levels - Original Mix", "Avicii"), ("Levels", "Avicii")),
    (("Sweet Child O' Mine", "Guns N' Roses"), ("Sweet Child O Mine", "Guns N Roses")),
]

DIFFERENT = [
    (("Tuesday", "iLoveMakonnen"), ("Tuesday", "Burak Yeter")),
    (("Hallelujah", "Leonard Cohen"), ("Hallelujah", "Jeff Buckley")),
    (("Smells Like Teen Spirit", "Nirvana"), ("Smells Like Teen Spirit (Live)", "Nirvana")),
    (("Layla", "Derek & The Dominos"), ("Layla - Acoustic", "Eric Clapton")),
    (("Layla", "Eric Clapton"), ("Layla (Acoustic)", "Eric Clapton")),
    (("Old Town Road", "Lil Nas X"), ("Old Town Road (Remix)", "Lil Nas X")),
    (("Titanium", "David Guetta"), ("Titanium - Alesso Remix", "David Guetta")),
    (("Sorry", "Justin Bieber"), ("Sorry", "Beyoncé")),
    (("Hurt", "Nine Inch Nails"), ("Hurt", "Johnny Cash")),
    (("Yesterday", "The Beatles"), ("Yesterday (Live At Budokan)", "The Beatles")),
    (("Dancing with Myself", "Billy Idol"), ("Dancing", "Billy Idol")),
    (("Black", "Pearl Jam"), ("Black Hole Sun", "Soundgarden")),
    (("Jolene", "Dolly Parton"), ("Jolene (Instrumental)", "Dolly Parton")),
    (("Creep", "Radiohead"), ("Creep (Acoustic)", "Radiohead")),
]


@pytest.mark.parametrize(("first", "second"), SAME, ids=[f"{a[0]} = {b[0]}" for a, b in SAME])
def test_the_same_song_has_one_key(first, second):
    assert song_key(*first) == song_key(*second)


@pytest.mark.parametrize(("first", "second"), DIFFERENT, ids=[f"{a[0]} != {b[0]}" for a, b in DIFFERENT])
def test_different_songs_have_different_keys(first, second):
    assert song_key(*first) != song_key(*second)


def test_the_table_is_big_enough():
    assert len(SAME) + len(DIFFERENT) >= 40
