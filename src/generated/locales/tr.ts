
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0095c6e4b08db45e': `Meşru menfaat`,
's04611870ce224465': `Tercihleriniz bu tarayıcıda saklanıyor.`,
's0732eb767a637c3a': str`Tercihlerinizi en son belirlediğinizden bu yana eklenenler: ${0}. Yeni tercihler siz açana kadar kapalı kalır.`,
's091d5807b5b33550': `Açık`,
's0eb5eecd79dcc9c4': `Seçiminiz yalnızca bu sayfada geçerli: kaydedilemedi. Bir sonraki ziyaretinizde yeniden soracağız.`,
's14bac751bc97252d': `Güncellenmiş politikayı okuyun`,
's1c7d83e8dc6b85de': `Kaydedildi.`,
's283d65e75a4154fb': str`Verilerinizin ${0} tarafından nasıl kullanılabileceğini seçin.`,
's28ef86af709a96b1': `Sözleşmenin ifası için gerekli`,
's29e4258a1c991372': `talep ettiğiniz hizmeti sunabilmemiz için gereklidir.`,
's302cbb19bf9a174a': `Kapalı`,
's355b21b89ce5d9c5': `Ayrıntılar`,
's3741f519c32ac391': `Yeni`,
's381abd94d77446ee': `Tümünü kabul et`,
's3a9fa3b3adde7606': `Tercihlerinizi en son belirlediğinizden bu yana gizlilik politikamız değişti.`,
's3e82476755408fa8': `Henüz kaydedilmedi. Otomatik olarak yeniden deneyeceğiz.`,
's530b45f34bc38105': `yasal olarak buna yükümlüyüz.`,
's59b2add8e4e6495f': `Gizlilik tercihleri`,
's5e8250fb85d64c23': `Kapat`,
's634d771ed29b5666': `Size faydası:`,
's6e1df6e3b595f3fe': `Saklama süresi`,
's70244822d60d116e': str`Son kaydedilme: ${0}.`,
's73b120aabf2a8c48': `Sorularınız için:`,
's8983b5b15dcc6b45': `Bu site, verilerinizi birkaç amaçla kullanmak istiyor ve bunların her biri size bir fayda sağlıyor. Siz onay vermeden isteğe bağlı hiçbir şey açılmaz.`,
's8fe24de46f64a17f': str`Kapatılanlar: ${0}. Bu sayfada hâlihazırda çalışan her şey, sayfadan ayrıldığınızda veya sayfayı yeniden yüklediğinizde durur.`,
's978d8809e7bfc75d': `Her zaman açık:`,
'sa36af41d93422ffc': `Hukuki dayanak`,
'sa4e762184e42bacb': str`: ${0}`,
'sa5a9c5f8e6e37cf4': `Alıcılar`,
'sac5909872ad0f1e0': `Verilerinizin bu site tarafından nasıl kullanılabileceğini seçin.`,
'saeb40fa1f66d2e62': str`${0}, verilerinizi birkaç amaçla kullanmak istiyor ve bunların her biri size bir fayda sağlıyor. Siz onay vermeden isteğe bağlı hiçbir şey açılmaz.`,
'sb060188bb28bfa9f': `Kaydediliyor…`,
'sb44b243e7c232061': str`Tarayıcınız Global Privacy Control sinyali gönderdi, bu nedenle şunları kapattık: ${0}. Bunları istediğiniz zaman yeniden açabilirsiniz.`,
'sbea3a5ad07a3cc06': `Bu değişikliği kaydedemedik. Değişiklik bu tarayıcıda yine de geçerli. Tekrar deneyin veya bizimle iletişime geçin.`,
'scd1dd6ff53d0d01a': `Tekrar dene`,
'sd00bf7b24721fc03': `Sitenin yapılandırmasında bir sorun olduğu için bu gizlilik tercihleri gösterilemiyor.`,
'sd1774c4d7aa6098d': `Verilerinizi nasıl kullanıyoruz`,
'sd24af6ce52e12f7a': `Bu tarayıcı, tercihleriniz kaydedilene kadar onları saklayamıyor: Kaydedilmeden önce bu sayfadan ayrılırsanız tercihleriniz kaybolur.`,
'sd96c9cb69fa8bc00': `Gizlilik tercihleriniz yükleniyor…`,
'sdb577f3dd64fb971': `Bir tercihi kapatmak, açmak kadar kolaydır ve fikrinizi istediğiniz zaman değiştirebilirsiniz.`,
'se03f1482537e2035': `Yasal yükümlülük`,
'se700659811e2115b': `Henüz kaydedilmedi. Bir sonraki ziyaretinizde yeniden deneyeceğiz.`,
'se73a2a54e168a016': `Gizlilik tercihleriniz`,
'sef4999e4b768721f': `Gizlilik politikası`,
'sf5fa72579cf6eb96': `İzin verilecekleri seç`,
'sf7668d18350420c0': `Açık rızanız`,
'sfac6c47782e36896': `Kullanılan veriler`,
'sfb5cd72ffdee7e49': `Tümünü reddet`,
'sfc772e39bffc7d31': `sitenin çalışması için gereklidir.`,
'sfd711d8589724809': `Tercihlerimi indir`,
'summary.few': str`İsteğe bağlı ${1} kullanımdan ${0} tanesi açık.`,
'summary.many': str`İsteğe bağlı ${1} kullanımdan ${0} tanesi açık.`,
'summary.one': str`İsteğe bağlı ${1} kullanımdan ${0} tanesi açık.`,
'summary.other': str`İsteğe bağlı ${1} kullanımdan ${0} tanesi açık.`,
'summary.two': str`İsteğe bağlı ${1} kullanımdan ${0} tanesi açık.`,
'summary.zero': str`İsteğe bağlı ${1} kullanımdan ${0} tanesi açık.`,
    };
  