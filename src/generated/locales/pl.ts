
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0095c6e4b08db45e': `Prawnie uzasadniony interes`,
's04611870ce224465': `Ustawienia są przechowywane w tej przeglądarce.`,
's0732eb767a637c3a': str`Dodano od ostatniego wyboru ustawień: ${0}. Nowe ustawienia pozostają wyłączone, dopóki nie zostaną włączone.`,
's091d5807b5b33550': `Włączone`,
's0eb5eecd79dcc9c4': `Twój wybór obowiązuje tylko na tej stronie: nie udało się go zapisać. Zapytamy ponownie podczas następnej wizyty.`,
's14bac751bc97252d': `Zobacz zaktualizowaną politykę`,
's1c7d83e8dc6b85de': `Zapisano.`,
's283d65e75a4154fb': str`Tutaj można zdecydować, jak ${0} może wykorzystywać dane osobowe.`,
's28ef86af709a96b1': `Niezbędne do wykonania umowy`,
's29e4258a1c991372': `niezbędne do świadczenia zamówionej usługi.`,
's302cbb19bf9a174a': `Wyłączone`,
's355b21b89ce5d9c5': `Szczegóły`,
's3741f519c32ac391': `Nowość`,
's381abd94d77446ee': `Zaakceptuj wszystko`,
's3a9fa3b3adde7606': `Od ostatniego wyboru ustawień zaktualizowaliśmy naszą politykę prywatności.`,
's3e82476755408fa8': `Jeszcze nie zapisano. Ponawiamy próby automatycznie.`,
's530b45f34bc38105': `wymagają tego przepisy prawa.`,
's59b2add8e4e6495f': `Ustawienia prywatności`,
's5e8250fb85d64c23': `Zamknij`,
's634d771ed29b5666': `Korzyść:`,
's6e1df6e3b595f3fe': `Okres przechowywania`,
's70244822d60d116e': str`Ostatnio zapisano: ${0}.`,
's73b120aabf2a8c48': `Pytania:`,
's8983b5b15dcc6b45': `Ta strona chce wykorzystywać dane w kilku celach, a każdy z nich daje coś w zamian. Żadne opcjonalne ustawienie nie zostanie włączone bez zgody.`,
's8fe24de46f64a17f': str`Wyłączono: ${0}. To, co już działa na tej stronie, zatrzyma się po jej opuszczeniu lub ponownym załadowaniu.`,
's978d8809e7bfc75d': `Zawsze włączone:`,
'sa36af41d93422ffc': `Podstawa prawna`,
'sa4e762184e42bacb': str`: ${0}`,
'sa5a9c5f8e6e37cf4': `Odbiorcy`,
'sac5909872ad0f1e0': `Tutaj można zdecydować, jak ta strona może wykorzystywać dane osobowe.`,
'saeb40fa1f66d2e62': str`${0} chce wykorzystywać dane w kilku celach, a każdy z nich daje coś w zamian. Żadne opcjonalne ustawienie nie zostanie włączone bez zgody.`,
'sb060188bb28bfa9f': `Zapisywanie…`,
'sb44b243e7c232061': str`Przeglądarka wysłała sygnał Global Privacy Control, więc wyłączyliśmy: ${0}. Można to zmienić w każdej chwili.`,
'sbea3a5ad07a3cc06': `Nie udało się zapisać tej zmiany. Nadal obowiązuje ona w tej przeglądarce. Można spróbować ponownie lub skontaktować się z nami.`,
'scd1dd6ff53d0d01a': `Spróbuj ponownie`,
'sd00bf7b24721fc03': `Nie można wyświetlić ustawień prywatności, ponieważ konfiguracja strony zawiera błąd.`,
'sd1774c4d7aa6098d': `Jak wykorzystujemy dane`,
'sd24af6ce52e12f7a': `Ta przeglądarka nie może przechować ustawień, dopóki nie zostaną zapisane: po opuszczeniu strony przed zapisaniem zostaną utracone.`,
'sd96c9cb69fa8bc00': `Wczytywanie ustawień prywatności…`,
'sdb577f3dd64fb971': `Każde ustawienie można wyłączyć równie łatwo, jak je włączyć, a decyzję można zmienić w dowolnym momencie.`,
'se03f1482537e2035': `Obowiązek prawny`,
'se700659811e2115b': `Jeszcze nie zapisano. Spróbujemy ponownie podczas następnej wizyty.`,
'se73a2a54e168a016': `Ustawienia prywatności`,
'sef4999e4b768721f': `Polityka prywatności`,
'sf5fa72579cf6eb96': `Dostosuj ustawienia`,
'sf7668d18350420c0': `Zgoda`,
'sfac6c47782e36896': `Wykorzystywane dane`,
'sfb5cd72ffdee7e49': `Odrzuć wszystko`,
'sfc772e39bffc7d31': `niezbędne do działania strony.`,
'sfd711d8589724809': `Pobierz moje ustawienia`,
'summary.few': str`Włączono ${0} z ${1} opcjonalnych celów.`,
'summary.many': str`Włączono ${0} z ${1} opcjonalnych celów.`,
'summary.one': str`Włączono ${0} z ${1} opcjonalnego celu.`,
'summary.other': str`Włączono ${0} z ${1} opcjonalnych celów.`,
'summary.two': str`Włączono ${0} z ${1} opcjonalnych celów.`,
'summary.zero': str`Włączono ${0} z ${1} opcjonalnych celów.`,
    };
  